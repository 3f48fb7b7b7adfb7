// The HTTP side of Idempotency-Key (api.cpp of reservations and payments):
// reading the header with a hash of the body, and the one route skeleton
// that answers a stored first answer, including after losing a race to a
// concurrent request with the same key.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <variant>

#include "common/errors.hpp"
#include "hotel/shared/idempotency.hpp"
#include "http/message.hpp"
#include "request/context.hpp"

namespace keycard::hotel::idempotency {

// The request's key, if it sent one (400 when malformed). `endpoint` names
// what the key is scoped to, e.g. "POST /api/hotel/reservations".
std::optional<Key> from_request(const http::Request& req, const std::string& endpoint);

// A stored answer as a response.
[[nodiscard]] http::Response response(const Stored& stored);

// Runs `create` (which returns the service's Created<T>) and answers 201 with
// `encode(value)`, or the stored answer. A 409 or a constraint error with a
// key may mean that a concurrent request with the same key committed first:
// its answer is returned instead.
template <class T, class Create, class Encode>
http::Response answer_once(request::Context& ctx, const std::optional<Key>& key, Create&& create, Encode&& encode) {
  const auto replayed = [&]() -> std::optional<http::Response> {
    if (!key) return std::nullopt;
    if (auto first = committed(ctx.db(), ctx.scope(), *key)) return response(*first);
    return std::nullopt;
  };
  try {
    Created<T> out = std::forward<Create>(create)();
    if (auto* stored = std::get_if<Stored>(&out)) return response(*stored);
    return http::Response::json(201, encode(std::get<T>(out)));
  } catch (const ApiError& e) {
    if (e.status() != 409) throw;
    if (auto r = replayed()) return std::move(*r);
    throw;
  } catch (const db::ConstraintError&) {
    if (auto r = replayed()) return std::move(*r);
    throw;
  }
}

// The whole route of a create that accepts an Idempotency-Key scoped to
// `endpoint`: `create(replay)` calls the service with the key and how its
// answer is stored (`encode`, the answer's JSON), or nullopt without a key.
template <class T, class Encode, class Create>
http::Response create_once(request::Context& ctx, const http::Request& req, const std::string& endpoint,
                           Encode&& encode, Create&& create) {
  const auto key = from_request(req, endpoint);
  return answer_once<T>(
      ctx, key,
      [&] {
        std::optional<Replay<T>> replay;
        if (key) {
          replay = Replay<T>{*key, [&](const T& value) { return http::Response::json(201, encode(value)).body; }};
        }
        return create(replay);
      },
      encode);
}

}  // namespace keycard::hotel::idempotency
