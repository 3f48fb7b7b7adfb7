// Coroutine session loop after Beast's awaitable example:
// read -> handler(request) on the worker pool -> write -> keep-alive?
#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <algorithm>
#include <atomic>
#include <csignal>
#include <list>
#include <mutex>
#include <thread>
#include <unordered_map>

#include <sys/resource.h>

#include "common/metrics.hpp"
#include "http/beast_parse.hpp"

namespace keycard::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// Connections: counted per client address for the caps, and listed so that
// shutdown can close the idle ones.
struct Registry {
  struct Entry {
    beast::tcp_stream* stream;
    std::string remote;
    bool busy = false;
    std::function<void()> wake;  // a streaming answer's: woken to end on shutdown
  };
  std::mutex mutex;
  std::list<Entry> entries;
  std::unordered_map<std::string, std::size_t> per_address;
  std::atomic<bool> stopping{false};
  bool counted = false;  // the API listener's connections are a metric

  enum class Admit { ok, server_full, address_full };

  // Counts a new connection from `remote`, unless it is over a cap (0: none).
  Admit admit(const std::string& remote, std::size_t max_total, std::size_t max_per_address) {
    std::lock_guard lock(mutex);
    if (max_total > 0 && entries.size() + pending >= max_total) return Admit::server_full;
    auto& n = per_address[remote];
    if (max_per_address > 0 && n >= max_per_address) {
      if (n == 0) per_address.erase(remote);
      return Admit::address_full;
    }
    ++n;
    ++pending;
    return Admit::ok;
  }
  std::list<Entry>::iterator add(beast::tcp_stream* s, const std::string& remote) {
    std::lock_guard lock(mutex);
    --pending;
    entries.push_back({s, remote, false, nullptr});
    if (counted) metrics::connections_open(1);
    return std::prev(entries.end());
  }
  void remove(std::list<Entry>::iterator it) {
    std::lock_guard lock(mutex);
    if (auto pa = per_address.find(it->remote); pa != per_address.end() && --pa->second == 0) per_address.erase(pa);
    entries.erase(it);
    if (counted) metrics::connections_open(-1);
  }
  void set_busy(std::list<Entry>::iterator it, bool busy) {
    std::lock_guard lock(mutex);
    it->busy = busy;
  }
  void set_wake(std::list<Entry>::iterator it, std::function<void()> wake) {
    std::lock_guard lock(mutex);
    it->wake = std::move(wake);
  }
  std::size_t size() {
    std::lock_guard lock(mutex);
    return entries.size() + pending;
  }
  void close_idle() {
    std::lock_guard lock(mutex);
    for (auto& e : entries) {
      if (e.wake) e.wake();
      if (!e.busy) {
        auto* stream = e.stream;
        asio::post(stream->get_executor(), [stream] {
          beast::error_code ec;
          stream->socket().cancel(ec);
        });
      }
    }
  }

 private:
  std::size_t pending = 0;  // admitted, session not started yet
};

template <typename Body>
void set_head(bhttp::response<Body>& res, const Response& r, unsigned version, bool keep_alive) {
  res.version(version);
  res.result(static_cast<unsigned>(r.status));
  for (const auto& [name, value] : r.headers) res.insert(name, value);
  if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
  res.set(bhttp::field::server, "keycard");
  res.keep_alive(keep_alive);
}

bhttp::response<bhttp::string_body> to_beast(const Response& r, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> res;
  set_head(res, r, version, keep_alive);
  res.body() = r.body;
  res.prepare_payload();
  return res;
}

// A file streams from disk; this long for a slow client to take it.
constexpr std::chrono::minutes kFileWriteTimeout{30};

// Reads and drops what the client still sends, so that closing the socket
// does not reset the connection before the client has read our answer.
asio::awaitable<void> linger_close(beast::tcp_stream& stream, std::chrono::seconds timeout = std::chrono::seconds(2),
                                   std::size_t max_bytes = 64 * 1024 * 1024) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(timeout);
  std::array<char, 16 * 1024> sink{};
  std::size_t total = 0;
  while (total < max_bytes) {
    auto [rec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
    if (rec) break;
    total += n;
  }
  stream.socket().close(ec);
}

// A listener's share of the server: its handler, where the handler runs
// (the worker pool, or inline on the connection's strand for a handler that
// never blocks), its connections and their caps.
struct Lane {
  const RequestHandler& handler;
  asio::thread_pool* workers;  // nullptr: inline
  Registry& reg;
  std::size_t max_connections;
  std::size_t max_per_address;
  std::function<bool(const std::string&)> uncapped_address;
};

// The metrics listener's connections: a few scrapers, never queued behind
// the API's connections or its workers, so it answers when the API is full.
constexpr std::size_t kSideMaxConnections = 16;

// A HEAD answer: the GET answer's head and length, without its body.
template <typename Stream>
asio::awaitable<beast::error_code> write_head_only(Stream& stream, const Response& r, std::uint64_t length,
                                                   unsigned version, bool keep_alive) {
  bhttp::response<bhttp::empty_body> res;
  set_head(res, r, version, keep_alive);
  res.content_length(length);
  auto [ec, n] = co_await bhttp::async_write(stream, res, kTuple);
  co_return ec;
}

// A streaming answer (server-sent events): the head, then each piece the
// stream makes, as chunks, until it ends, the client goes away or the server
// stops. Between pieces the session waits on a timer (its heartbeat) that a
// wake-up cuts short; it holds no worker while it waits.
asio::awaitable<void> serve_stream(beast::tcp_stream& stream, const Response& out, unsigned version,
                                   const ServerOptions& opt, const Lane& lane,
                                   std::list<Registry::Entry>::iterator entry) {
  const std::shared_ptr<Stream> source = out.stream;
  bhttp::response<bhttp::empty_body> res;
  set_head(res, out, version, false);
  res.chunked(true);
  bhttp::response_serializer<bhttp::empty_body> serializer{res};
  stream.expires_after(opt.read_timeout);
  auto [hec, hn] = co_await bhttp::async_write_header(stream, serializer, kTuple);
  if (hec) co_return;
  auto last_write = std::chrono::steady_clock::now();

  const auto exec = co_await asio::this_coro::executor;
  auto timer = std::make_shared<asio::steady_timer>(exec);
  auto woken = std::make_shared<bool>(false);
  source->set_waker([timer, woken, exec] {
    asio::post(exec, [timer, woken] {
      *woken = true;
      timer->cancel();
    });
  });
  lane.reg.set_wake(entry, [source] { source->wake(); });
  // A client that goes away (a closed tab) is noticed at once, not at the
  // next heartbeat: one read stays posted. A stream's client sends nothing,
  // so its completion, whatever it brings (the close, an error, bytes), ends
  // the stream. It is the read's only use of `stream`: once it completes it
  // touches only what it shares (`gone`, the timer), so it may complete
  // after the session is gone (the socket's destruction aborts it).
  auto gone = std::make_shared<bool>(false);
  auto sink = std::make_shared<std::array<char, 512>>();
  stream.socket().async_read_some(asio::buffer(*sink), [timer, gone, sink](beast::error_code, std::size_t) {
    *gone = true;
    timer->cancel();
  });
  const auto write_chunk = [&](const std::string& text) -> asio::awaitable<bool> {
    stream.expires_after(opt.read_timeout);
    auto [ec, n] = co_await asio::async_write(stream, bhttp::make_chunk(asio::buffer(text)), kTuple);
    last_write = std::chrono::steady_clock::now();
    co_return !ec;
  };
  for (;;) {
    auto piece = co_await asio::co_spawn(
        *lane.workers,
        [&]() -> asio::awaitable<std::optional<std::string>> {
          try {
            co_return source->next();
          } catch (...) {
            co_return std::nullopt;  // a stream that fails ends; the server goes on
          }
        },
        asio::use_awaitable);
    if (*gone) break;
    if (piece && !piece->empty() && !co_await write_chunk(*piece)) break;
    if (!piece) break;
    if (lane.reg.stopping) {
      if (const auto last = source->closing_text(); !last.empty()) (void)co_await write_chunk(last);
      break;
    }
    if (*woken) {
      *woken = false;
      continue;
    }
    // Until the heartbeat is due (a keep-alive every `heartbeat` of
    // silence, however often wake-ups found nothing to send), or the
    // credentials' deadline, whichever comes first.
    stream.expires_never();
    const auto now = std::chrono::steady_clock::now();
    auto until = last_write + source->heartbeat;
    if (source->deadline) {
      if (*source->deadline <= now) {
        source->deadline.reset();  // asked once at the deadline; the heartbeat asks from now on
      } else {
        until = std::min(until, *source->deadline);
      }
    }
    timer->expires_at(until);
    auto [tec] = co_await timer->async_wait(kTuple);
    if (*gone) break;
    if (*woken || lane.reg.stopping) {
      *woken = false;
      continue;
    }
    if (!tec && std::chrono::steady_clock::now() >= last_write + source->heartbeat &&
        !co_await write_chunk(source->heartbeat_text())) {
      break;
    }
  }
  source->set_waker(nullptr);
  lane.reg.set_wake(entry, nullptr);
  if (!*gone) {
    stream.expires_after(opt.read_timeout);
    (void)co_await asio::async_write(stream, bhttp::make_chunk_last(), kTuple);
  }
  // The posted read ends with the connection (aborted).
  beast::error_code ec;
  stream.socket().cancel(ec);
}

asio::awaitable<void> session(tcp::socket socket, std::string remote, const ServerOptions& opt, const Lane& lane) {
  const RequestHandler& handler = lane.handler;
  Registry& reg = lane.reg;
  beast::tcp_stream stream(std::move(socket));
  const auto entry = reg.add(&stream, remote);
  const ParseLimits limits{opt.body_limit, opt.header_limit};
  beast::flat_buffer buffer;
  bool linger = false;
  std::size_t served = 0;
  try {
    for (;;) {
      if (reg.stopping) break;
      detail::BeastParser parser;
      detail::configure(parser, limits);
      if (buffer.size() == 0) {
        // A new connection must start its request within read_timeout; an
        // idle keep-alive one may wait idle_timeout for its next request.
        // Once the first byte is here, the head must follow within
        // read_timeout (a client trickling bytes cannot hold the connection).
        stream.expires_after(served == 0 ? opt.read_timeout : opt.idle_timeout);
        auto [iec, in] = co_await stream.async_read_some(buffer.prepare(8 * 1024), kTuple);
        if (iec) break;
        buffer.commit(in);
      }
      stream.expires_after(opt.read_timeout);
      auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      if (hec == bhttp::error::end_of_stream || hec == asio::error::operation_aborted || hec == beast::error::timeout ||
          hec == asio::error::connection_reset || (hec && buffer.size() == 0 && !parser.got_some())) {
        break;
      }
      reg.set_busy(entry, true);
      std::optional<Response> early;
      if (hec) {
        early = detail::refuse_parse_error(hec, limits);
      } else {
        early = detail::refuse_head(parser, limits);
      }
      if (!early) {
        stream.expires_after(opt.read_timeout);
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        if (bec == beast::error::timeout || bec == asio::error::operation_aborted ||
            bec == bhttp::error::end_of_stream || bec == asio::error::connection_reset) {
          break;
        }
        if (bec) early = detail::refuse_parse_error(bec, limits);
      }
      const unsigned version = parser.get().version() ? parser.get().version() : 11;
      if (early) {
        metrics::count_transport_refusal(early->status);
        auto res = to_beast(*early, version, false);
        stream.expires_after(opt.read_timeout);
        co_await bhttp::async_write(stream, res, kTuple);
        linger = true;
        break;
      }

      auto& in = parser.get();
      Request req;
      req.remote_address = remote;
      Response out;
      // A target that is no URL is refused as parse_request refuses it: an
      // early answer that closes (the fuzz target and unit tests see that path).
      const bool bad_target = !detail::to_request(in, req);
      if (bad_target) {
        out = detail::refuse_target();
        metrics::count_transport_refusal(out.status);
      } else if (lane.workers) {
        out = co_await asio::co_spawn(
            *lane.workers, [&]() -> asio::awaitable<Response> { co_return handler(req); }, asio::use_awaitable);
      } else {
        out = handler(req);
      }
      const bool head_only = in.method() == bhttp::verb::head;
      // Keep-alive follows the message (Beast's examples): a whole message
      // was read, so an error answer to it leaves the framing intact. Only
      // the framing errors above (early) and a bad target close the connection.
      const bool keep_alive = in.keep_alive() && !reg.stopping && !bad_target;
      if (out.stream && !head_only && lane.workers) {
        co_await serve_stream(stream, out, version, opt, lane, entry);
        break;  // a stream ends its connection
      }
      if (out.file_path) {
        bhttp::response<bhttp::file_body> file_res;
        beast::error_code fec;
        file_res.body().open(out.file_path->c_str(), beast::file_mode::scan, fec);
        if (!fec) {
          beast::error_code fwec;
          if (head_only) {
            stream.expires_after(opt.read_timeout);
            fwec = co_await write_head_only(stream, out, file_res.body().size(), version, keep_alive);
          } else {
            set_head(file_res, out, version, keep_alive);
            file_res.prepare_payload();
            stream.expires_after(kFileWriteTimeout);
            std::size_t fwn = 0;
            std::tie(fwec, fwn) = co_await bhttp::async_write(stream, file_res, kTuple);
          }
          reg.set_busy(entry, false);
          ++served;
          if (fwec || !keep_alive) break;
          continue;
        }
        // Deleted between the handler's check and now (retention).
        out = problem(410, "report_expired", "Gone", "The report file is no longer kept; run the report again.");
      }
      stream.expires_after(opt.read_timeout);
      beast::error_code wec;
      if (head_only) {
        wec = co_await write_head_only(stream, out, out.body.size(), version, keep_alive);
      } else {
        auto res = to_beast(out, version, keep_alive);
        std::size_t wn = 0;
        std::tie(wec, wn) = co_await bhttp::async_write(stream, res, kTuple);
      }
      reg.set_busy(entry, false);
      ++served;
      if (wec || !keep_alive) break;
    }
    if (linger) {
      co_await linger_close(stream);
    } else {
      beast::error_code ec;
      stream.socket().shutdown(tcp::socket::shutdown_send, ec);
    }
  } catch (const std::exception&) {
    // A broken connection ends this session only; the server keeps serving.
  }
  reg.remove(entry);
}

// Over a connection cap: one short 503, then close, without reading the
// request (a flood of connections costs a write each, no parsing).
asio::awaitable<void> refuse(tcp::socket socket, std::string why) {
  metrics::count_transport_refusal(503);
  beast::tcp_stream stream(std::move(socket));
  auto r = detail::closing_problem(503, "too_many_connections", "Service Unavailable", why);
  r.with_header("Retry-After", "1");
  auto res = to_beast(r, 11, false);
  stream.expires_after(std::chrono::seconds(1));
  auto [ec, n] = co_await bhttp::async_write(stream, res, kTuple);
  if (!ec) co_await linger_close(stream, std::chrono::seconds(1), 64 * 1024);
}

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, const ServerOptions& opt, const Lane& lane,
                                  asio::io_context& ioc) {
  Registry& reg = lane.reg;
  while (!reg.stopping) {
    auto [ec, socket] = co_await acceptor.async_accept(asio::make_strand(ioc), kTuple);
    if (ec) {
      if (reg.stopping || ec == asio::error::operation_aborted) break;
      continue;  // e.g. too many open files: keep serving the others
    }
    beast::error_code rec;
    auto ep = socket.remote_endpoint(rec);
    std::string remote = rec ? std::string() : ep.address().to_string();
    auto exec = socket.get_executor();
    const bool uncapped = lane.uncapped_address && lane.uncapped_address(remote);
    switch (reg.admit(remote, lane.max_connections, uncapped ? 0 : lane.max_per_address)) {
      case Registry::Admit::ok:
        asio::co_spawn(exec, session(std::move(socket), std::move(remote), opt, lane), asio::detached);
        break;
      case Registry::Admit::server_full:
        asio::co_spawn(exec, refuse(std::move(socket), "The server has too many open connections. Try again shortly."),
                       asio::detached);
        break;
      case Registry::Admit::address_full:
        asio::co_spawn(
            exec, refuse(std::move(socket), "Too many open connections from your address. Close some and try again."),
            asio::detached);
        break;
    }
  }
}

asio::awaitable<void> drain(Registry& reg, const ServerOptions& opt, asio::io_context& ioc) {
  const auto deadline = std::chrono::steady_clock::now() + opt.drain_timeout;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (reg.size() > 0 && std::chrono::steady_clock::now() < deadline) {
    reg.close_idle();
    timer.expires_after(std::chrono::milliseconds(50));
    co_await timer.async_wait(kTuple);
  }
  ioc.stop();
}

tcp::acceptor listen_on(asio::io_context& ioc, const std::string& host, std::uint16_t port) {
  boost::system::error_code ec;
  const auto address = asio::ip::make_address(host, ec);
  if (ec) throw std::runtime_error("invalid listen address '" + host + "'");
  tcp::acceptor acceptor(ioc);
  const tcp::endpoint endpoint(address, port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) throw std::runtime_error("cannot listen on " + host + ":" + std::to_string(port) + ": " + ec.message());
  return acceptor;
}

std::string bound_address(const tcp::acceptor& acceptor) {
  const auto bound = acceptor.local_endpoint();
  return (bound.address().is_v6() ? "[" + bound.address().to_string() + "]" : bound.address().to_string()) + ":" +
         std::to_string(bound.port());
}

}  // namespace

void serve(const ServerOptions& opt, const RequestHandler& handler,
           const std::function<void(const std::string&)>& on_listening) {
  // Every connection is a file descriptor: let the connection caps, not the
  // default soft limit (often 1024), decide how many are served.
  if (rlimit nofile{}; getrlimit(RLIMIT_NOFILE, &nofile) == 0 && nofile.rlim_cur < nofile.rlim_max) {
    nofile.rlim_cur = nofile.rlim_max;
    setrlimit(RLIMIT_NOFILE, &nofile);
  }
  asio::io_context ioc(opt.io_threads);
  asio::thread_pool workers(static_cast<std::size_t>(std::max(1, opt.worker_threads)));
  Registry reg;
  reg.counted = true;

  // Both bound before either is announced: a side listener that cannot
  // bind stops the start before anyone was told the server is up.
  tcp::acceptor acceptor = listen_on(ioc, opt.host, opt.port);
  std::optional<tcp::acceptor> side;
  if (opt.side) side.emplace(listen_on(ioc, opt.side->host, opt.side->port));
  on_listening(bound_address(acceptor));
  if (side && opt.side->on_listening) opt.side->on_listening(bound_address(*side));
  Registry side_reg;
  const Lane main_lane{
      handler, &workers, reg, opt.max_connections, opt.max_connections_per_address, opt.uncapped_address};

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& sec, int) {
    if (sec) return;
    reg.stopping = true;
    side_reg.stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    if (side) side->close(ignored);
    asio::co_spawn(ioc, drain(reg, opt, ioc), asio::detached);
  });

  asio::co_spawn(ioc, accept_loop(acceptor, opt, main_lane, ioc), asio::detached);
  std::optional<Lane> side_lane;
  if (side) {
    side_lane.emplace(Lane{opt.side->handler, nullptr, side_reg, kSideMaxConnections, 0, nullptr});
    asio::co_spawn(ioc, accept_loop(*side, opt, *side_lane, ioc), asio::detached);
  }

  std::vector<std::thread> threads;
  for (int i = 1; i < opt.io_threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  workers.join();
}

}  // namespace keycard::http
