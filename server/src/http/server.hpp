// The socket layer: Boost.Beast over Asio C++20 coroutines. This header is
// free of Beast/Asio; only server.cpp includes them.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "http/message.hpp"

namespace keycard::http {

// Must not throw: it turns every failure into a Response itself.
using RequestHandler = std::function<Response(Request&)>;

// A second address served by its own handler (the metrics listener): same
// limits and timeouts, same shutdown.
struct SideListener {
  std::string host;
  std::uint16_t port = 0;
  RequestHandler handler;
  std::function<void(const std::string& address)> on_listening;
};

struct ServerOptions {
  std::string host = "127.0.0.1";
  std::uint16_t port = 8080;
  std::size_t body_limit = 1024 * 1024;           // larger bodies get 413
  std::size_t header_limit = 16 * 1024;           // larger headers get 431
  std::chrono::seconds read_timeout{15};          // a whole request must arrive in this time
  std::chrono::seconds idle_timeout{60};          // keep-alive connections close after this
  std::chrono::seconds drain_timeout{20};         // in-flight requests get this long on shutdown
  std::size_t max_connections = 1024;             // open connections in all; 0: no cap
  std::size_t max_connections_per_address = 128;  // open connections from one client address; 0: no cap
  // Addresses the per-address cap does not apply to (trusted reverse
  // proxies, behind which every client shares one address); empty: none.
  std::function<bool(const std::string& address)> uncapped_address;
  int io_threads = 2;
  int worker_threads = 8;  // handlers may block on the database
  std::optional<SideListener> side;
};

// Serves until SIGINT or SIGTERM, then stops accepting, lets in-flight
// requests finish (up to drain_timeout) and returns. `on_listening` gets
// the bound address (port 0 picks a free one). Throws std::runtime_error
// when the address cannot be bound.
void serve(const ServerOptions& options, const RequestHandler& handler,
           const std::function<void(const std::string& address)>& on_listening);

}  // namespace keycard::http
