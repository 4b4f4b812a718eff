// Tencent's callbacks over real HTTP: a loopback HTTP/1.1 server (POSIX sockets) checks each
// request with the C++ wrapper, Chat ones by their raw query string and TRTC ones by their raw
// body, and answers "ok <command>", "ok <EventType>" or 403 with the refusal's kind. The fake
// sender (usersig-fake-rest callbacks), run as a subprocess, POSTs signed, forged, stale and
// replayed callbacks and exits 0 only if every answer is right. Argument: the sender's path.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cctype>
#include <cstdio>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "check.h"
#include "usersig.hpp"

namespace {

constexpr int64_t APP = 1400000000;
const std::string CHAT_TOKEN = "chat-callback-token-7f3a";
const std::string TRTC_KEY = "trtc-callback-key-91c2";

// One request as read from the socket.
struct Request {
  std::string target;
  std::map<std::string, std::string> headers;  // names lowercased
  std::string body;
};

// Reads the head up to CRLFCRLF, then Content-Length bytes of body; false on a broken request.
bool read_request(int fd, Request &request) {
  std::string data;
  char buffer[4096];
  size_t head_end;
  while ((head_end = data.find("\r\n\r\n")) == std::string::npos) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0 || data.size() > 65536) return false;
    data.append(buffer, static_cast<size_t>(n));
  }
  std::string head = data.substr(0, head_end);
  request.body = data.substr(head_end + 4);
  size_t line_end = head.find("\r\n");
  std::string request_line = head.substr(0, line_end);
  size_t first = request_line.find(' '), last = request_line.rfind(' ');
  if (first == std::string::npos || last <= first) return false;
  request.target = request_line.substr(first + 1, last - first - 1);
  while (line_end != std::string::npos) {
    size_t start = line_end + 2;
    line_end = head.find("\r\n", start);
    std::string line = head.substr(start, line_end == std::string::npos ? std::string::npos : line_end - start);
    size_t colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string name = line.substr(0, colon);
    for (char &c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    size_t value = line.find_first_not_of(' ', colon + 1);
    request.headers[name] = value == std::string::npos ? "" : line.substr(value);
  }
  size_t length = request.headers.count("content-length") ? std::stoul(request.headers["content-length"]) : 0;
  while (request.body.size() < length) {
    ssize_t n = read(fd, buffer, sizeof buffer);
    if (n <= 0) return false;
    request.body.append(buffer, static_cast<size_t>(n));
  }
  return request.body.size() == length;
}

void answer(int fd, int status, const std::string &body) {
  std::string response = "HTTP/1.1 " + std::to_string(status) + (status == 200 ? " OK" : " Forbidden") +
                         "\r\nContent-Type: text/plain\r\nContent-Length: " + std::to_string(body.size()) +
                         "\r\nConnection: close\r\n\r\n" + body;
  for (size_t sent = 0; sent < response.size();) {
    ssize_t n = send(fd, response.data() + sent, response.size() - sent, MSG_NOSIGNAL);
    if (n <= 0) return;
    sent += static_cast<size_t>(n);
  }
}

// What the server saw: the accepted callbacks ("chat <command>", "trtc <EventType>") and the
// kinds of the refused ones, in order.
struct Seen {
  std::mutex lock;
  std::vector<std::string> accepted, refused;
};

void serve(int listener, Seen &seen) {
  const usersig::ChatCallbackVerifier chat(CHAT_TOKEN, APP);
  const usersig::TrtcCallbackVerifier trtc(TRTC_KEY, APP, 60);
  for (;;) {
    int fd = accept(listener, nullptr, nullptr);
    if (fd < 0) return;
    Request request;
    if (read_request(fd, request)) {
      std::string path = request.target.substr(0, request.target.find('?'));
      try {
        std::string accepted;
        if (path == "/chat") {
          size_t mark = request.target.find('?');
          std::string query = mark == std::string::npos ? "" : request.target.substr(mark + 1);
          accepted = chat.verify_query(query).command;
          std::lock_guard<std::mutex> guard(seen.lock);
          seen.accepted.push_back("chat " + accepted);
        } else {
          usersig::TrtcCallback callback =
              trtc.verify(request.headers["sign"], request.headers["sdkappid"], request.body);
          accepted = callback.event_type ? std::to_string(*callback.event_type) : "";
          std::lock_guard<std::mutex> guard(seen.lock);
          seen.accepted.push_back("trtc " + accepted);
        }
        answer(fd, 200, "ok " + accepted);
      } catch (const usersig::Error &e) {
        {
          std::lock_guard<std::mutex> guard(seen.lock);
          seen.refused.push_back(e.name());
        }
        answer(fd, 403, e.name());
      }
    }
    close(fd);
  }
}

}  // namespace

int main(int argc, char **argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s PATH/usersig-fake-rest\n", argv[0]);
    return 2;
  }
  int listener = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t size = sizeof address;
  CHECK(listener >= 0);
  CHECK(bind(listener, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0);
  CHECK(listen(listener, 16) == 0);
  CHECK(getsockname(listener, reinterpret_cast<sockaddr *>(&address), &size) == 0);
  if (failed) return report();
  std::string url = "http://127.0.0.1:" + std::to_string(ntohs(address.sin_port));

  Seen seen;
  std::thread server(serve, listener, std::ref(seen));
  std::string command = "'" + std::string(argv[1]) + "' callbacks --url " + url + " --sdkappid " +
                        std::to_string(APP) + " --chat-token " + CHAT_TOKEN + " --trtc-key " + TRTC_KEY;
  FILE *sender = popen(command.c_str(), "r");
  CHECK(sender != nullptr);
  std::string output;
  char line[1024];
  while (sender && std::fgets(line, sizeof line, sender)) output += line;
  int status = sender ? pclose(sender) : -1;
  shutdown(listener, SHUT_RDWR);
  server.join();
  close(listener);
  std::fputs(output.c_str(), stdout);

  CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
  CHECK(output.find("FAIL") == std::string::npos);
  CHECK(output.find("PASS chat-percent-encoded-sign") != std::string::npos);
  CHECK(output.find("PASS trtc-reencoded") != std::string::npos);
  const std::vector<std::string> accepted = {"chat C2C.CallbackAfterSendMsg",
                                             "chat Group.CallbackAfterNewMemberJoin",
                                             "chat Live.CallbackAfterCreateRoom", "trtc 103"};
  std::multiset<std::string> refused(seen.refused.begin(), seen.refused.end());
  CHECK(seen.accepted == accepted);
  CHECK(refused.count("callback_bad_signature") == 4);
  CHECK(refused.count("callback_out_of_window") == 4);
  CHECK(refused.count("callback_sdkappid_mismatch") == 2);
  CHECK(refused.count("callback_param_invalid") == 4);
  CHECK(refused.count("callback_param_repeated") == 1);
  CHECK(refused.count("callback_param_missing") == 2);
  CHECK(refused.size() == 17);
  return report();
}
