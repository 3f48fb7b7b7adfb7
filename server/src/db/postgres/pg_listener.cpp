// LISTEN on a connection of its own, woken by poll() on libpq's socket and
// on a pipe that the destructor writes to, so that stopping is immediate.
#include <libpq-fe.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <thread>

#include "common/log.hpp"
#include "db/listener.hpp"

namespace keycard::db {
namespace {

class PgListener : public Listener {
 public:
  PgListener(std::string url, std::string channel, std::function<void(const std::string&)> on_notify,
             std::function<void()> on_resync)
      : url_(std::move(url)),
        channel_(std::move(channel)),
        on_notify_(std::move(on_notify)),
        on_resync_(std::move(on_resync)) {
    if (pipe(stop_pipe_) != 0) throw std::runtime_error("cannot make the listener's pipe");
    thread_ = std::thread([this] { run(); });
  }
  PgListener(const PgListener&) = delete;
  PgListener& operator=(const PgListener&) = delete;
  ~PgListener() override {
    stopping_ = true;
    const char byte = 1;
    (void)!write(stop_pipe_[1], &byte, 1);
    thread_.join();
    close(stop_pipe_[0]);
    close(stop_pipe_[1]);
  }

 private:
  // Waits for `fd` to be readable, or the stop pipe, or the timeout (ms; -1:
  // none). False when stopping.
  bool wait(int fd, int timeout_ms) {
    pollfd fds[2] = {{stop_pipe_[0], POLLIN, 0}, {fd, POLLIN, 0}};
    const int n = fd >= 0 ? 2 : 1;
    (void)poll(fds, static_cast<nfds_t>(n), timeout_ms);
    return !stopping_ && (fds[0].revents & POLLIN) == 0;
  }

  void run() {
    int backoff_ms = 1000;
    while (!stopping_) {
      const char* const keys[] = {"connect_timeout", "application_name", "client_encoding", "dbname", nullptr};
      const char* const values[] = {"10", "keycard-listener", "UTF8", url_.c_str(), nullptr};
      PGconn* conn = PQconnectdbParams(keys, values, 1);
      if (conn && PQstatus(conn) == CONNECTION_OK) {
        char* quoted = PQescapeIdentifier(conn, channel_.c_str(), channel_.size());
        PGresult* res = quoted ? PQexec(conn, ("LISTEN " + std::string(quoted)).c_str()) : nullptr;
        if (quoted) PQfreemem(quoted);
        const bool listening = res && PQresultStatus(res) == PGRES_COMMAND_OK;
        if (res) PQclear(res);
        if (listening) {
          backoff_ms = 1000;
          log::info({{"event", "listening_for_notifications"}, {"channel", channel_}});
          call(on_resync_);
          serve(conn);
        }
      }
      if (!stopping_) {
        log::warn({{"event", "notification_listener_down"}, {"channel", channel_}, {"retry_in_ms", backoff_ms}});
      }
      if (conn) PQfinish(conn);
      if (!wait(-1, backoff_ms)) break;
      backoff_ms = std::min(backoff_ms * 2, 30000);
    }
  }

  // Until the connection breaks or the listener stops.
  void serve(PGconn* conn) {
    while (wait(PQsocket(conn), -1)) {
      if (PQconsumeInput(conn) == 0) return;  // the connection broke
      while (PGnotify* n = PQnotifies(conn)) {
        const std::string payload = n->extra ? n->extra : "";
        PQfreemem(n);
        call([&] { on_notify_(payload); });
      }
      if (PQstatus(conn) != CONNECTION_OK) return;
    }
  }

  template <typename F>
  void call(F&& f) {
    try {
      f();
    } catch (const std::exception& e) {
      log::warn({{"event", "notification_handler_failed"}, {"error", e.what()}});
    }
  }

  std::string url_;
  std::string channel_;
  std::function<void(const std::string&)> on_notify_;
  std::function<void()> on_resync_;
  std::atomic<bool> stopping_{false};
  int stop_pipe_[2] = {-1, -1};
  std::thread thread_;
};

}  // namespace

std::unique_ptr<Listener> listen_postgres(const std::string& url, const std::string& channel,
                                          std::function<void(const std::string&)> on_notify,
                                          std::function<void()> on_resync) {
  return std::make_unique<PgListener>(url, channel, std::move(on_notify), std::move(on_resync));
}

}  // namespace keycard::db
