// Coroutine session loop after Beast's awaitable example:
// read -> handler(request) on the worker pool -> write -> keep-alive?
#include "http/server.hpp"

#include <boost/asio.hpp>
#include <boost/asio/as_tuple.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/url/parse.hpp>

#include <atomic>
#include <csignal>
#include <list>
#include <mutex>
#include <thread>

namespace keycard::http {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

// Connections, so that shutdown can close the idle ones.
struct Registry {
  struct Entry {
    beast::tcp_stream* stream;
    bool busy = false;
  };
  std::mutex mutex;
  std::list<Entry> entries;
  std::atomic<bool> stopping{false};

  std::list<Entry>::iterator add(beast::tcp_stream* s) {
    std::lock_guard lock(mutex);
    entries.push_back({s});
    return std::prev(entries.end());
  }
  void remove(std::list<Entry>::iterator it) {
    std::lock_guard lock(mutex);
    entries.erase(it);
  }
  void set_busy(std::list<Entry>::iterator it, bool busy) {
    std::lock_guard lock(mutex);
    it->busy = busy;
  }
  std::size_t size() {
    std::lock_guard lock(mutex);
    return entries.size();
  }
  void close_idle() {
    std::lock_guard lock(mutex);
    for (auto& e : entries) {
      if (!e.busy) {
        auto* stream = e.stream;
        asio::post(stream->get_executor(), [stream] {
          beast::error_code ec;
          stream->socket().cancel(ec);
        });
      }
    }
  }
};

Response to_problem(int status, std::string_view code, std::string_view title, std::string_view detail) {
  auto r = problem(status, code, title, detail);
  r.with_header("Connection", "close");
  return r;
}

bhttp::response<bhttp::string_body> to_beast(const Response& r, unsigned version, bool keep_alive) {
  bhttp::response<bhttp::string_body> res;
  res.version(version);
  res.result(static_cast<unsigned>(r.status));
  for (const auto& [name, value] : r.headers) res.insert(name, value);
  if (!r.content_type.empty()) res.set(bhttp::field::content_type, r.content_type);
  res.set(bhttp::field::server, "keycard");
  res.body() = r.body;
  res.keep_alive(keep_alive);
  res.prepare_payload();
  return res;
}

// Fills method, target, path, query and headers; false for a target that is
// not a valid origin-form URL.
bool to_request(const bhttp::request<bhttp::string_body>& in, Request& out) {
  out.method = std::string(in.method_string());
  out.target = std::string(in.target());
  auto parsed = boost::urls::parse_origin_form(in.target());
  if (!parsed) return false;
  out.path = std::string(parsed->path());
  if (out.path.empty()) out.path = "/";
  for (auto p : parsed->params()) out.query.emplace_back(p.key, p.has_value ? p.value : std::string());
  for (const auto& field : in) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    auto [it, inserted] = out.headers.emplace(name, std::string(field.value()));
    if (!inserted) it->second += ", " + std::string(field.value());
  }
  out.body = in.body();
  if (auto proto = out.header("x-forwarded-proto"); proto && *proto == "https") out.secure = true;
  return true;
}

// Reads and drops what the client still sends, so that closing the socket
// does not reset the connection before the client has read our answer.
asio::awaitable<void> linger_close(beast::tcp_stream& stream) {
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  stream.expires_after(std::chrono::seconds(2));
  std::array<char, 16 * 1024> sink{};
  std::size_t total = 0;
  while (total < 64 * 1024 * 1024) {
    auto [rec, n] = co_await stream.async_read_some(asio::buffer(sink), kTuple);
    if (rec) break;
    total += n;
  }
  stream.socket().close(ec);
}

asio::awaitable<void> session(tcp::socket socket, std::string remote, const ServerOptions& opt,
                              const RequestHandler& handler, asio::thread_pool& workers, Registry& reg) {
  beast::tcp_stream stream(std::move(socket));
  const auto entry = reg.add(&stream);
  beast::flat_buffer buffer;
  bool linger = false;
  try {
    for (;;) {
      if (reg.stopping) break;
      bhttp::request_parser<bhttp::string_body> parser;
      parser.header_limit(static_cast<std::uint32_t>(opt.header_limit));
      parser.body_limit(opt.body_limit);
      if (buffer.size() == 0) {
        // An idle keep-alive connection may wait idle_timeout for its next
        // request; once its first byte is here, the head must follow within
        // read_timeout (a client trickling bytes cannot hold the connection).
        stream.expires_after(opt.idle_timeout);
        auto [iec, in] = co_await stream.async_read_some(buffer.prepare(8 * 1024), kTuple);
        if (iec) break;
        buffer.commit(in);
      }
      stream.expires_after(opt.read_timeout);
      auto [hec, hn] = co_await bhttp::async_read_header(stream, buffer, parser, kTuple);
      if (hec == bhttp::error::end_of_stream || hec == asio::error::operation_aborted ||
          hec == beast::error::timeout || hec == asio::error::connection_reset ||
          (hec && buffer.size() == 0 && !parser.got_some())) {
        break;
      }
      reg.set_busy(entry, true);
      Response early;
      bool have_early = false;
      if (hec == bhttp::error::body_limit) {
        // Beast checks Content-Length against the limit while reading the header.
        early = to_problem(413, "payload_too_large", "Payload Too Large",
                           "The request body is larger than " + std::to_string(opt.body_limit) + " bytes.");
        have_early = true;
      } else if (hec == bhttp::error::header_limit) {
        early = to_problem(431, "headers_too_large", "Request Header Fields Too Large",
                           "The request headers are too large.");
        have_early = true;
      } else if (hec) {
        early = to_problem(400, "malformed_request", "Bad Request", "The request could not be parsed.");
        have_early = true;
      } else if (auto len = parser.content_length(); len && *len > opt.body_limit) {
        early = to_problem(413, "payload_too_large", "Payload Too Large",
                           "The request body is larger than " + std::to_string(opt.body_limit) + " bytes.");
        have_early = true;
      }
      if (!have_early) {
        stream.expires_after(opt.read_timeout);
        auto [bec, bn] = co_await bhttp::async_read(stream, buffer, parser, kTuple);
        if (bec == bhttp::error::body_limit) {
          early = to_problem(413, "payload_too_large", "Payload Too Large",
                             "The request body is larger than " + std::to_string(opt.body_limit) + " bytes.");
          have_early = true;
        } else if (bec == beast::error::timeout || bec == asio::error::operation_aborted ||
                   bec == bhttp::error::end_of_stream || bec == asio::error::connection_reset) {
          break;
        } else if (bec) {
          early = to_problem(400, "malformed_request", "Bad Request", "The request could not be parsed.");
          have_early = true;
        }
      }
      const unsigned version = parser.get().version() ? parser.get().version() : 11;
      if (have_early) {
        auto res = to_beast(early, version, false);
        stream.expires_after(opt.read_timeout);
        co_await bhttp::async_write(stream, res, kTuple);
        linger = true;
        break;
      }

      auto& in = parser.get();
      Request req;
      req.remote_address = remote;
      Response out;
      if (!to_request(in, req)) {
        out = to_problem(400, "malformed_request", "Bad Request", "The request target is not a valid URL.");
      } else {
        out = co_await asio::co_spawn(
            workers, [&]() -> asio::awaitable<Response> { co_return handler(req); }, asio::use_awaitable);
      }
      const bool keep_alive = in.keep_alive() && !reg.stopping && out.status != 400;
      auto res = to_beast(out, version, keep_alive);
      stream.expires_after(opt.read_timeout);
      auto [wec, wn] = co_await bhttp::async_write(stream, res, kTuple);
      reg.set_busy(entry, false);
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

asio::awaitable<void> accept_loop(tcp::acceptor& acceptor, const ServerOptions& opt, const RequestHandler& handler,
                                  asio::thread_pool& workers, Registry& reg, asio::io_context& ioc) {
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
    asio::co_spawn(exec, session(std::move(socket), std::move(remote), opt, handler, workers, reg), asio::detached);
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

}  // namespace

void serve(const ServerOptions& opt, RequestHandler handler,
           const std::function<void(const std::string&)>& on_listening) {
  asio::io_context ioc(opt.io_threads);
  asio::thread_pool workers(static_cast<std::size_t>(std::max(1, opt.worker_threads)));
  Registry reg;

  boost::system::error_code ec;
  const auto address = asio::ip::make_address(opt.host, ec);
  if (ec) throw std::runtime_error("invalid listen address '" + opt.host + "'");
  tcp::acceptor acceptor(ioc);
  const tcp::endpoint endpoint(address, opt.port);
  acceptor.open(endpoint.protocol(), ec);
  if (!ec) acceptor.set_option(asio::socket_base::reuse_address(true), ec);
  if (!ec) acceptor.bind(endpoint, ec);
  if (!ec) acceptor.listen(asio::socket_base::max_listen_connections, ec);
  if (ec) {
    throw std::runtime_error("cannot listen on " + opt.host + ":" + std::to_string(opt.port) + ": " + ec.message());
  }
  const auto bound = acceptor.local_endpoint();
  on_listening((bound.address().is_v6() ? "[" + bound.address().to_string() + "]" : bound.address().to_string()) +
               ":" + std::to_string(bound.port()));

  asio::signal_set signals(ioc, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& sec, int) {
    if (sec) return;
    reg.stopping = true;
    boost::system::error_code ignored;
    acceptor.close(ignored);
    asio::co_spawn(ioc, drain(reg, opt, ioc), asio::detached);
  });

  asio::co_spawn(ioc, accept_loop(acceptor, opt, handler, workers, reg, ioc), asio::detached);

  std::vector<std::thread> threads;
  for (int i = 1; i < opt.io_threads; ++i) threads.emplace_back([&ioc] { ioc.run(); });
  ioc.run();
  for (auto& t : threads) t.join();
  workers.join();
}

}  // namespace keycard::http
