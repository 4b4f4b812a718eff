package io.github.usersig;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.nio.charset.StandardCharsets;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The public API and the drop-in, used from plain Java. */
class JavaApiTest {
    static final long SDKAPPID = 1400000000L;
    static final String KEY = "5bd2850fff3ecb11d7c805251c51ee463a25727bddc2385f3fa8bfee1bb93b5e";
    static final long NOW = 1700000000L;

    @Test
    void adminAuthFromJava() {
        long[] now = {NOW};
        try (AdminAuth auth = new AdminAuth(SDKAPPID, KEY, AdminAuth.DEFAULT_ADMIN, Endpoint.region(Region.TOKYO),
                AdminAuth.DEFAULT_ADMIN_VALIDITY, AdminAuth.DEFAULT_RENEW_MARGIN, () -> now[0])) {
            String url = auth.url("im_open_login_svc", "account_import");
            assertTrue(url.startsWith("https://adminapijpn.im.qcloud.com/v4/im_open_login_svc/account_import?sdkappid=1400000000&identifier=administrator&usersig="), url);
            String token = auth.userSig();
            assertEquals(NOW, UserSig.inspect(token).getIssuedAt());
            now[0] = NOW + 3001;
            assertEquals(NOW + 3001, UserSig.inspect(auth.userSig()).getIssuedAt());
        }
        try (AdminAuth defaults = new AdminAuth(SDKAPPID, KEY)) {
            assertEquals("https://console.tim.qq.com", defaults.getEndpoint());
            assertEquals(3600L, defaults.getValidity());
        }
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> new AdminAuth(SDKAPPID, KEY, "administrator", Endpoint.url("http://im.example.com")));
        assertEquals(ErrorKind.INVALID_ENDPOINT, e.getKind());
    }

    @Test
    void signAndVerifyFromJava() {
        try (Signer signer = new Signer(SDKAPPID, KEY); Verifier verifier = new Verifier(SDKAPPID, KEY)) {
            String token = signer.userSig("alice");
            Claims claims = verifier.verify(token, "alice");
            assertEquals("alice", claims.getUserId());
            assertEquals(SDKAPPID, claims.getSdkAppId());
            assertEquals(UserSig.DEFAULT_EXPIRE, claims.getExpire());
            assertNull(claims.getUserbuf());

            String pinned = signer.userSigAt("xiaojun", 15552000L, NOW);
            assertEquals("LvA7d/Iw7gSsnskvVzBDPOCCDbuNCw4GHwTC0bip+B4=", UserSig.inspect(pinned).getSignature());

            long audience = Privileges.ENTER_ROOM | Privileges.RECEIVE_AUDIO | Privileges.RECEIVE_VIDEO;
            String pmk = signer.privateMapKey("alice", 1234L, audience);
            Grant grant = verifier.verifyAnyUserbuf(pmk, "alice").getGrant();
            assertThrows(UnexpectedUserbufException.class, () -> verifier.verify(pmk, "alice"));
            assertNotNull(grant);
            assertEquals(42L, grant.getPrivileges());
            assertTrue(grant.getRoom() instanceof Room.Numeric);
            assertEquals(1234L, ((Room.Numeric) grant.getRoom()).getId());

            Room named = UserSig.inspect(signer.privateMapKey("alice", "lobby", Privileges.ALL, 300L)).getGrant().getRoom();
            assertEquals(new Room.Named("lobby"), named);

            byte[] userbuf = {1, 2, 3};
            String withUserbuf = signer.userSigWithUserbuf("alice", userbuf, 600L);
            assertArrayEquals(userbuf, verifier.verifyWithUserbuf(withUserbuf, "alice", userbuf).getUserbuf());

            List<String> batch = signer.userSigs(Arrays.asList("a", "b", "c"));
            assertEquals(3, batch.size());
            assertEquals("b", verifier.verify(batch.get(1), "b").getUserId());
        }
    }

    @Test
    void callbacksFromJava() {
        long time = 1669872112L;
        try (ChatCallbackVerifier chat = new ChatCallbackVerifier("xxxxyyyy", 888888L);
                TrtcCallbackVerifier trtc = new TrtcCallbackVerifier("callback key", 1400000000L, 60L)) {
            String sign = chat.sign(time);
            assertEquals("17773bc39a671d7b9aa835458704d2a6db81360a5940292b587d6d760d484061", sign);
            ChatCallback callback = chat.verifyQueryAt(
                    "SdkAppid=888888&CallbackCommand=Group.CallbackAfterNewMemberJoin&contenttype=json&RequestTime=" + time + "&Sign=" + sign,
                    time);
            assertEquals("Group.CallbackAfterNewMemberJoin", callback.getCommand());
            assertEquals(888888L, callback.getSdkAppId());
            assertEquals(Arrays.asList("json"), callback.getParams().get("contenttype"));

            Map<String, List<String>> params = new HashMap<>();
            params.put("SdkAppid", Arrays.asList("888888"));
            params.put("CallbackCommand", Arrays.asList("C2C.CallbackAfterSendMsg"));
            params.put("RequestTime", Arrays.asList(Long.toString(time)));
            params.put("Sign", Arrays.asList(sign, sign));
            CallbackParamRepeatedException repeated = assertThrows(CallbackParamRepeatedException.class, () -> chat.verifyParamsAt(params, time));
            assertEquals("Sign", repeated.getName());
            assertNull(repeated.getTencentCode());
            params.put("Sign", Arrays.asList(sign));
            assertEquals("C2C.CallbackAfterSendMsg", chat.verifyParamsAt(params, time).getCommand());
            CallbackOutOfWindowException late = assertThrows(CallbackOutOfWindowException.class, () -> chat.verifyParamsAt(params, time + 61));
            assertEquals(60L, late.getWindow());

            byte[] body = "{\"EventGroupId\":1,\"EventType\":103,\"CallbackTs\":1700000000123}".getBytes(StandardCharsets.UTF_8);
            TrtcCallback event = trtc.verifyAt(trtc.sign(body), "1400000000", body, NOW);
            assertEquals(Long.valueOf(103), event.getEventType());
            assertEquals(Long.valueOf(1700000000123L), event.getCallbackTs());
            CallbackRejectedException missing = assertThrows(CallbackRejectedException.class, () -> trtc.verifyAt(null, "1400000000", body, NOW));
            assertEquals(ErrorKind.CALLBACK_PARAM_MISSING, missing.getKind());
        }
        try (ChatCallbackVerifier any = new ChatCallbackVerifier("t"); TrtcCallbackVerifier noWindow = new TrtcCallbackVerifier("k", null)) {
            assertNull(any.getSdkAppId());
            assertEquals(UserSig.DEFAULT_CALLBACK_WINDOW, any.getWindow());
            assertNull(noWindow.getWindow());
        }
        CallbackWindowOutOfRangeException wide = assertThrows(CallbackWindowOutOfRangeException.class,
                () -> new ChatCallbackVerifier("t", null, UserSig.MAX_CALLBACK_WINDOW + 1));
        assertEquals(ErrorKind.CALLBACK_WINDOW_OUT_OF_RANGE, wide.getKind());
        assertTrue(wide instanceof InvalidInputException);
        assertThrows(NullPointerException.class, () -> new ChatCallbackVerifier(null));
        assertThrows(NullPointerException.class, () -> new TrtcCallbackVerifier("k").verify("s", "1", null));
    }

    @Test
    void keyRotationWithVarargsAndLists() {
        String other = "the-next-key";
        String token = new Signer(SDKAPPID, other).userSigAt("bob", 600L, NOW);
        assertEquals("bob", new Verifier(SDKAPPID, KEY, other).verifyAt(token, "bob", NOW).getUserId());
        assertEquals("bob", new Verifier(SDKAPPID, Arrays.asList(other, KEY)).verifyAt(token, "bob", NOW).getUserId());
    }

    @Test
    void errorsFromJava() {
        Verifier verifier = new Verifier(SDKAPPID, KEY);
        String token = new Signer(SDKAPPID, KEY).userSigAt("alice", 600L, NOW);

        UserSigException mismatch = assertThrows(UserSigException.class, () -> verifier.verifyAt(token, "bob", NOW));
        assertEquals(ErrorKind.USER_ID_MISMATCH, mismatch.getKind());
        assertEquals(Integer.valueOf(70013), mismatch.getTencentCode());
        assertEquals("alice", ((UserIdMismatchException) mismatch).getFound());

        ExpiredTokenException expired = assertThrows(ExpiredTokenException.class, () -> verifier.verifyAt(token, "alice", NOW + 601));
        assertEquals(NOW + 600, expired.getExpiredAt());
        assertEquals(Integer.valueOf(70001), expired.getTencentCode());

        MalformedTokenException malformed = assertThrows(MalformedTokenException.class, () -> UserSig.inspect("%%%"));
        assertSame(Malformation.Base64.INSTANCE, malformed.getReason());

        InvalidInputException input = assertThrows(InvalidInputException.class, () -> new Signer(SDKAPPID, ""));
        assertEquals(ErrorKind.EMPTY_KEY, input.getKind());
        assertNull(input.getTencentCode());
    }

    @Test
    void nullsFromJavaAreExceptions() {
        Signer signer = new Signer(SDKAPPID, KEY);
        Verifier verifier = new Verifier(SDKAPPID, KEY);
        String token = signer.userSig("alice");
        TLSSigAPIv2 api = new TLSSigAPIv2(SDKAPPID, KEY);
        assertThrows(NullPointerException.class, () -> new Signer(SDKAPPID, null));
        assertThrows(NullPointerException.class, () -> new Verifier(SDKAPPID, (String) null));
        assertThrows(NullPointerException.class, () -> new Verifier(SDKAPPID, (List<String>) null));
        assertThrows(NullPointerException.class, () -> signer.userSig(null));
        assertThrows(NullPointerException.class, () -> signer.userSigWithUserbuf("alice", null));
        assertThrows(NullPointerException.class, () -> signer.privateMapKey("alice", (String) null, 1L));
        assertThrows(NullPointerException.class, () -> signer.userSigs(null));
        assertThrows(NullPointerException.class, () -> signer.userSigs(Arrays.asList("a", null)));
        assertThrows(NullPointerException.class, () -> verifier.verify(null, "alice"));
        assertThrows(NullPointerException.class, () -> verifier.verify(token, null));
        assertThrows(NullPointerException.class, () -> UserSig.inspect(null));
        assertThrows(NullPointerException.class, () -> new TLSSigAPIv2(SDKAPPID, null));
        assertThrows(NullPointerException.class, () -> api.genUserSig(null, 600L));
        assertThrows(NullPointerException.class, () -> api.genPrivateMapKeyWithStringRoomID("alice", 600L, null, 255L));
        // The objects still work afterwards.
        assertEquals("alice", verifier.verify(signer.userSig("alice"), "alice").getUserId());
    }

    @Test
    void theDropInIsUsedExactlyLikeTencents() {
        TLSSigAPIv2 api = new TLSSigAPIv2(1400000000, KEY);
        String userSig = api.genUserSig("xiaojun", 86400);
        String pmk = api.genPrivateMapKey("xiaojun", 86400, 10000, 255);
        String pmkStr = api.genPrivateMapKeyWithStringRoomID("xiaojun", 86400, "1000000040", 255);
        String old = api.genSig("xiaojun", 86400);
        String oldWithUserbuf = api.genSigWithUserBuf("xiaojun", 86400, new byte[] {7});
        Verifier verifier = new Verifier(1400000000, KEY);
        for (String token : Arrays.asList(userSig, pmk, pmkStr, old, oldWithUserbuf)) {
            assertEquals(86400L, verifier.verifyAnyUserbuf(token, "xiaojun").getExpire());
        }
        assertEquals(new Room.Numeric(10000), verifier.verifyAnyUserbuf(pmk, "xiaojun").getGrant().getRoom());
        assertEquals(new Room.Named("1000000040"), verifier.verifyAnyUserbuf(pmkStr, "xiaojun").getGrant().getRoom());
        assertThrows(InvalidInputException.class, () -> api.genUserSig("", 86400));
    }

    @Test
    void theDropInHasTencentsSignatures() throws Exception {
        Class<?> ours = TLSSigAPIv2.class;
        Class<?> theirs = com.tencentyun.TLSSigAPIv2.class;
        // Maven Central 1.1: every public constructor and method.
        for (Constructor<?> c : theirs.getConstructors()) {
            assertTrue(Modifier.isPublic(ours.getConstructor(c.getParameterTypes()).getModifiers()));
        }
        for (Method m : theirs.getDeclaredMethods()) {
            if (Modifier.isPublic(m.getModifiers())) {
                assertEquals(m.getReturnType(), ours.getMethod(m.getName(), m.getParameterTypes()).getReturnType(), m.getName());
            }
        }
        // The current source of Tencent's library (not on Maven Central).
        assertEquals(String.class, ours.getMethod("genUserSig", String.class, long.class).getReturnType());
        assertEquals(String.class, ours.getMethod("genPrivateMapKey", String.class, long.class, long.class, long.class).getReturnType());
        assertEquals(String.class,
                ours.getMethod("genPrivateMapKeyWithStringRoomID", String.class, long.class, String.class, long.class).getReturnType());
    }

    @Test
    void thePublicSurfaceHasNoKotlinOnlyTypes() {
        List<Class<?>> api = Arrays.asList(Signer.class, Verifier.class, UserSig.class, TLSSigAPIv2.class, Claims.class, Grant.class,
                Room.class, Room.Numeric.class, Room.Named.class, Privileges.class, ErrorKind.class, UserSigException.class,
                InvalidInputException.class, TokenRejectedException.class, MalformedTokenException.class, ExpiredTokenException.class,
                BadSignatureException.class, UserIdMismatchException.class, SdkAppIdMismatchException.class,
                UserbufMismatchException.class, Malformation.class, Malformation.TooLong.class, Malformation.MissingField.class,
                ChatCallbackVerifier.class, TrtcCallbackVerifier.class, ChatCallback.class, TrtcCallback.class,
                CallbackRejectedException.class, CallbackParamMissingException.class, CallbackParamRepeatedException.class,
                CallbackParamInvalidException.class, CallbackBadSignatureException.class, CallbackOutOfWindowException.class,
                CallbackSdkAppIdMismatchException.class, CallbackTooLargeException.class, CallbackWindowOutOfRangeException.class);
        List<String> problems = new ArrayList<>();
        for (Class<?> c : api) {
            for (Method m : c.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers())) continue;
                // Kotlin's EnumEntries accessor on enums; Java has values().
                if (c.isEnum() && m.getName().equals("getEntries")) continue;
                if (m.getName().contains("-")) problems.add(c.getSimpleName() + "." + m.getName() + ": mangled name");
                List<Class<?>> types = new ArrayList<>(Arrays.asList(m.getParameterTypes()));
                types.add(m.getReturnType());
                for (Class<?> t : types) {
                    if (t.getName().startsWith("kotlin.") || t.getName().startsWith("io.github.usersig.ffi.")) {
                        problems.add(c.getSimpleName() + "." + m.getName() + ": " + t.getName());
                    }
                }
            }
        }
        assertEquals(new ArrayList<String>(), problems);
        assertFalse(new Signer(SDKAPPID, KEY).toString().contains(KEY));
        assertFalse(new ChatCallbackVerifier(KEY).toString().contains(KEY));
        assertFalse(new TrtcCallbackVerifier(KEY).toString().contains(KEY));
    }
}
