"""Writes core/tests/vectors/callbacks.jsonl: signed callbacks of both of Tencent's schemes,
computed here with Python's hashlib and hmac, independently of the code under test.

    python3 scripts/vectors/callbacks.py            print the vectors
    python3 scripts/vectors/callbacks.py --check    compare them with the committed file

Chat: Sign = hex(SHA-256(token + RequestTime)). TRTC: Sign = base64(HMAC-SHA256(key, body)).
The first Chat case is the example of Tencent's guide (Chat's and TUILiveKit's webhook pages),
whose Sign is Tencent's: it is checked here, not only computed.
"""
import base64
import hashlib
import hmac
import json
import pathlib
import sys

COMMITTED = pathlib.Path(__file__).resolve().parents[2] / "core/tests/vectors/callbacks.jsonl"

CHAT = [
    ("chat-001-tencent-guide", "xxxxyyyy", "1669872112", 888888, "Group.CallbackAfterNewMemberJoin"),
    ("chat-002", "2d8f7c4e9a1b", "1700000000", 1400000000, "C2C.CallbackAfterSendMsg"),
    ("chat-003-long-token", "t" * 100 + "0123456789", "1700000001", 1400000000, "State.StateChange"),
    ("chat-004-utf8-token", "回调令牌-token", "1733443200", 20000001, "Group.CallbackBeforeSendMsg"),
    ("chat-005-live", "live-room-token", "1765000000", 1600000001, "Live.CallbackAfterCreateRoom"),
]
TRTC = [
    ("trtc-001-enter-room", "callback-key-123", 1400000000,
     '{"EventGroupId":1,"EventType":103,"CallbackTs":1700000000123,"EventInfo":{"RoomId":12345,"EventTs":1700000000,"EventMsTs":1700000000120,"UserId":"alice","Role":20,"TerminalType":3,"UserType":3,"Reason":1}}'),
    ("trtc-002-spaced-utf8", "另一个密钥", 1400000001,
     '{ "EventGroupId": 2, "EventType": 201, "CallbackTs": 1733443200000,\n  "EventInfo": { "RoomId": "会议室-1", "UserId": "用户" } }'),
    ("trtc-003-no-ts", "k", 20000001, '{"EventGroupId":1,"EventType":101}'),
    ("trtc-004-long-key", "K" * 200, 1400000000,
     '{"EventGroupId":1,"EventType":104,"CallbackTs":1765000000999,"EventInfo":{"RoomId":4294967294,"UserId":"' + "u" * 300 + '"}}'),
    # The example body of Tencent's "Verify Signature Example" (trtc.io/document/54912), tabs and
    # line breaks as TRTC writes them; the page gives no key or Sign, so these are ours.
    ("trtc-005-tencent-doc-body", "5Tz8yQ2mW7vK3pL9", 1400000000,
     '{\n\t"EventGroupId":\t1,\n\t"EventType":\t103,\n\t"CallbackTs":\t1615554923704,\n\t"EventInfo":\t{\n\t\t"RoomId":\t12345,\n\t\t"EventTs":\t1608441737,\n\t\t"UserId":\t"test",\n\t\t"UniqueId":\t1615554922656,\n\t\t"Role":\t20,\n\t\t"Reason":\t1\n\t}\n}'),
]


def lines():
    for case_id, token, request_time, sdkappid, command in CHAT:
        sign = hashlib.sha256((token + request_time).encode()).hexdigest()
        if case_id == "chat-001-tencent-guide":
            assert sign == "17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061"
        yield {"id": case_id, "scheme": "chat", "token": token, "sdkappid": sdkappid,
               "command": command, "request_time": int(request_time), "sign": sign}
    for case_id, key, sdkappid, body in TRTC:
        sign = base64.b64encode(hmac.new(key.encode(), body.encode(), hashlib.sha256).digest()).decode()
        event = json.loads(body)
        yield {"id": case_id, "scheme": "trtc", "key": key, "sdkappid": sdkappid, "body": body,
               "sign": sign, "event_group_id": event.get("EventGroupId"),
               "event_type": event.get("EventType"), "callback_ts": event.get("CallbackTs")}


def main():
    text = "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines())
    if sys.argv[1:] == ["--check"]:
        if COMMITTED.read_text(encoding="utf-8") != text:
            sys.exit(f"{COMMITTED} differs from what {__file__} computes")
        print(f"{COMMITTED.name}: as computed")
    else:
        sys.stdout.write(text)


if __name__ == "__main__":
    main()
