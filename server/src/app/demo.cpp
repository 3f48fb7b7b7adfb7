#include "app/demo.hpp"

#include <boost/json.hpp>
#include <chrono>
#include <cstdio>
#include <ostream>
#include <stdexcept>
#include <vector>

#include "auth/authenticator.hpp"
#include "common/ids.hpp"
#include "hotel/shared/timezone.hpp"

namespace keycard::app {
namespace json = boost::json;
namespace {

constexpr std::string_view kSlug = "harbour-view";
constexpr std::string_view kTimezone = "Europe/Lisbon";

// Calls the API in-process through the whole request pipeline.
class Client {
 public:
  Client(App& app, std::string token) : app_(app), token_(std::move(token)) {}

  json::value call(const std::string& method, const std::string& path, const json::value& body = nullptr,
                   int expect = 0) {
    http::Request req;
    req.method = method;
    req.target = path;
    req.path = path;
    req.remote_address = "127.0.0.1";
    req.headers["user-agent"] = "keycard demo";
    req.headers["authorization"] = "Bearer " + token_;
    if (!body.is_null()) {
      req.headers["content-type"] = "application/json";
      req.body = json::serialize(body);
    }
    auto res = app_.handle(req);
    const bool ok = expect != 0 ? res.status == expect : res.status >= 200 && res.status < 300;
    if (!ok) {
      throw std::runtime_error(method + " " + path + " answered " + std::to_string(res.status) + ": " + res.body);
    }
    return res.body.empty() ? json::value(nullptr) : json::parse(res.body);
  }

  json::value post(const std::string& path, const json::value& body) { return call("POST", path, body); }

  [[nodiscard]] const std::string& token() const { return token_; }

 private:
  App& app_;
  std::string token_;
};

std::string id_of(const json::value& v) { return std::string(v.at("id").as_string()); }

std::string add_days(const std::string& date, int n) {
  const int y = std::stoi(date.substr(0, 4));
  const unsigned m = static_cast<unsigned>(std::stoi(date.substr(5, 2)));
  const unsigned d = static_cast<unsigned>(std::stoi(date.substr(8, 2)));
  const std::chrono::sys_days day{
      std::chrono::year_month_day{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}}};
  const std::chrono::year_month_day out{day + std::chrono::days{n}};
  char buf[16];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(out.year()), static_cast<unsigned>(out.month()),
                static_cast<unsigned>(out.day()));
  return buf;
}

// An access token of the first active platform SuperAdmin, made in-process
// (the demo never needs, and never learns, anyone's password).
std::string superadmin_token(App& app) {
  auto tx = app.db().begin_platform(db::TxMode::read);
  auto row = tx.one(R"sql(
SELECT u.id FROM users u
JOIN user_roles ur ON ur.user_id = u.id
JOIN roles r ON r.id = ur.role_id
WHERE r.tenant_id IS NULL AND r.name = $1 AND u.is_active = $2 AND u.deleted_at IS NULL
ORDER BY u.created_at LIMIT 1)sql",
                    {std::string("super-admin"), true});
  if (!row)
    throw std::runtime_error("no active platform SuperAdmin: run `keycard serve` or `keycard create-admin` first");
  auto principal = auth::Authenticator::load(tx, row->text(0), std::nullopt, std::nullopt);
  tx.commit();
  return app.tokens().access_token(principal);
}

bool demo_exists(App& app) {
  auto tx = app.db().begin_platform(db::TxMode::read);
  auto row = tx.one("SELECT count(*) FROM tenants WHERE slug = $1", {std::string(kSlug)});
  tx.commit();
  return row && row->int64(0) > 0;
}

}  // namespace

int run_demo(App& app, const DemoOptions& options, std::ostream& out) {
  if (demo_exists(app)) {
    out << "demo hotel '" << kSlug << "' exists already; nothing changed\n";
    return 1;
  }
  const std::string password = options.password.value_or("Demo-" + random_token(12) + "-7q");
  const std::string manager_email = "manager@harbour-view.example";
  const std::string desk_email = "frontdesk@harbour-view.example";
  const std::string housekeeping_email = "housekeeping@harbour-view.example";

  Client admin(app, superadmin_token(app));
  const auto hotel = admin.post(
      "/api/admin/hotels",
      {{"name", "Harbour View Hotel"},
       {"slug", kSlug},
       {"type", "INDEPENDENT"},
       {"email", "reception@harbour-view.example"},
       {"phone", "+351 210 000 000"},
       {"address", {{"line1", "Rua do Cais 12"}, {"city", "Lisboa"}, {"postal_code", "1100-001"}, {"country", "PT"}}},
       {"manager",
        {{"email", manager_email}, {"first_name", "Marta"}, {"last_name", "Silva"}, {"password", password}}}});
  admin.post("/api/admin/hotels/" + id_of(hotel) + "/status",
             {{"status", "ACTIVE"}, {"reason", "Demo hotel: subscription started"}});
  const auto chain = admin.post("/api/admin/hotels", {{"name", "Alpine Lodges"},
                                                      {"slug", "alpine-lodges"},
                                                      {"type", "CHAIN"},
                                                      {"email", "office@alpine-lodges.example"}});
  (void)chain;

  // The manager logs in like anyone else.
  http::Request login;
  login.method = "POST";
  login.target = login.path = "/api/auth/login";
  login.remote_address = "127.0.0.1";
  login.headers["content-type"] = "application/json";
  login.headers["user-agent"] = "keycard demo";
  login.body = json::serialize(json::object{{"email", manager_email}, {"password", password}});
  auto login_res = app.handle(login);
  if (login_res.status != 200) throw std::runtime_error("demo manager login failed: " + login_res.body);
  Client hotel_api(app, std::string(json::parse(login_res.body).at("access_token").as_string()));

  hotel_api.post("/api/hotel/users", {{"email", desk_email},
                                      {"first_name", "Tiago"},
                                      {"last_name", "Costa"},
                                      {"password", password},
                                      {"roles", json::array{"front-desk"}}});
  hotel_api.post("/api/hotel/users", {{"email", housekeeping_email},
                                      {"first_name", "Ana"},
                                      {"last_name", "Pereira"},
                                      {"password", password},
                                      {"roles", json::array{"housekeeping"}}});

  // Opened three days ago: the night audit closes those days below, so the
  // front office has a few nights of history (room charges, a no-show).
  const auto today = hotel::tz::local_date(kTimezone, std::chrono::system_clock::now());
  const auto property = id_of(hotel_api.post("/api/hotel/properties", {{"name", "Harbour View Lisboa"},
                                                                       {"code", "HVL"},
                                                                       {"timezone", kTimezone},
                                                                       {"currency", "EUR"},
                                                                       {"address", "Rua do Cais 12, Lisboa"},
                                                                       {"check_in_time", "15:00"},
                                                                       {"check_out_time", "11:00"},
                                                                       {"vat_rate_bp", 600},
                                                                       {"business_date", add_days(today, -3)}}));
  struct TypeSpec {
    const char* code;
    const char* name;
    int capacity;
    int rate;
    int floor;
    int count;
  };
  const std::vector<TypeSpec> types{{"STD", "Standard Double", 2, 9500, 1, 8},
                                    {"DLX", "Deluxe Sea View", 2, 14500, 2, 6},
                                    {"STE", "Harbour Suite", 4, 26000, 3, 2}};
  std::vector<std::string> type_ids;
  std::vector<std::vector<std::string>> rooms_by_type;
  for (const auto& t : types) {
    const auto type_id = id_of(hotel_api.post("/api/hotel/room-types", {{"property_id", property},
                                                                        {"code", t.code},
                                                                        {"name", t.name},
                                                                        {"capacity", t.capacity},
                                                                        {"base_rate_minor", t.rate}}));
    type_ids.push_back(type_id);
    auto& rooms = rooms_by_type.emplace_back();
    for (int i = 1; i <= t.count; ++i) {
      const auto number = std::to_string(t.floor * 100 + i);
      rooms.push_back(id_of(hotel_api.post(
          "/api/hotel/rooms",
          {{"property_id", property}, {"room_type_id", type_id}, {"room_number", number}, {"floor", t.floor}})));
    }
  }
  hotel_api.post("/api/hotel/rooms/" + rooms_by_type[0][7] + "/status", {{"status", "out_of_order"}});
  hotel_api.post("/api/hotel/rooms/" + rooms_by_type[1][5] + "/status", {{"status", "dirty"}});

  struct GuestSpec {
    const char* first;
    const char* last;
    const char* email;
    const char* phone;
    const char* nationality;
  };
  const std::vector<GuestSpec> guest_specs{
      {"Sofia", "Almeida", "sofia.almeida@example.com", "+351 912 345 678", "PT"},
      {"James", "Whitaker", "j.whitaker@example.co.uk", "+44 7700 900123", "GB"},
      {"Lena", "Hoffmann", "lena.hoffmann@example.de", "+49 151 23456789", "DE"},
      {"Marco", "Bianchi", "marco.bianchi@example.it", "+39 347 1234567", "IT"},
      {"Aiko", "Tanaka", "aiko.tanaka@example.jp", "+81 90 1234 5678", "JP"},
      {"Camille", "Durand", "camille.durand@example.fr", "+33 6 12 34 56 78", "FR"},
  };
  std::vector<std::string> guests;
  guests.reserve(std::size(guest_specs));
  for (const auto& g : guest_specs) {
    guests.push_back(id_of(hotel_api.post("/api/hotel/guests", {{"first_name", g.first},
                                                                {"last_name", g.last},
                                                                {"email", g.email},
                                                                {"phone", g.phone},
                                                                {"nationality", g.nationality}})));
  }

  auto book = [&](std::size_t type, std::size_t room, std::size_t guest, int from, int to, int adults) {
    return id_of(hotel_api.post("/api/hotel/reservations", {{"property_id", property},
                                                            {"room_type_id", type_ids[type]},
                                                            {"room_id", rooms_by_type[type][room]},
                                                            {"guest_id", guests[guest]},
                                                            {"check_in_date", add_days(today, from)},
                                                            {"check_out_date", add_days(today, to)},
                                                            {"adults", adults}}));
  };
  auto act = [&](const std::string& id, const std::string& action) {
    hotel_api.post("/api/hotel/reservations/" + id + "/" + action, json::object{});
  };
  auto pay = [&](const std::string& id, std::int64_t amount, const char* method) {
    hotel_api.post("/api/hotel/reservations/" + id + "/payments", {{"amount_minor", amount}, {"method", method}});
  };

  auto audit = [&](int day) {
    hotel_api.post("/api/hotel/properties/" + property + "/night-audit", {{"business_date", add_days(today, day)}});
  };

  // Stayed three nights ago and two nights ago, had breakfast, paid and left.
  const auto stayed = book(0, 3, 3, -3, -1, 2);
  act(stayed, "confirm");
  act(stayed, "check-in");
  hotel_api.post("/api/hotel/reservations/" + stayed + "/folio/charges",
                 {{"charge_type", "breakfast"}, {"quantity", 2}, {"unit_price_minor", 1400}});
  // Never came two days ago: the night audit marks the no-show.
  const auto absent = book(1, 2, 4, -2, -1, 1);
  act(absent, "confirm");
  audit(-3);
  // In house: arrived two days ago, leaves in two days; paid a deposit.
  const auto in_house = book(1, 0, 0, -2, 2, 2);
  act(in_house, "confirm");
  act(in_house, "check-in");
  pay(in_house, 29000, "card");
  audit(-2);
  pay(stayed, 2 * 9500 + 2 * 1400, "card");
  act(stayed, "check-out");
  // Arriving today, confirmed and fully paid.
  const auto arriving = book(0, 0, 1, 0, 3, 1);
  act(arriving, "confirm");
  pay(arriving, 3 * 9500, "bank_transfer");
  // Leaving today: checked in yesterday.
  const auto leaving = book(2, 0, 2, -1, 0, 3);
  act(leaving, "confirm");
  act(leaving, "check-in");
  audit(-1);
  // Future stays, one pending, one cancelled.
  const auto future = book(1, 1, 3, 7, 10, 2);
  act(future, "confirm");
  book(0, 1, 4, 14, 16, 2);
  const auto cancelled = book(0, 2, 5, 3, 5, 1);
  hotel_api.post("/api/hotel/reservations/" + cancelled + "/cancel", {{"reason", "Guest changed travel plans"}});

  hotel_api.post("/api/hotel/incidents",
                 {{"title", "Air conditioning rattles"},
                  {"category", "maintenance"},
                  {"severity", "medium"},
                  {"property_id", property},
                  {"room_id", rooms_by_type[1][0]},
                  {"description", "Guest reports a rattling noise from the AC unit at night."}});
  hotel_api.post("/api/hotel/incidents", {{"title", "Water leak under the sink"},
                                          {"category", "maintenance"},
                                          {"severity", "high"},
                                          {"property_id", property},
                                          {"room_id", rooms_by_type[0][7]}});
  hotel_api.post("/api/hotel/incidents", {{"title", "Lost and found: a blue umbrella"},
                                          {"category", "lost_and_found"},
                                          {"severity", "low"},
                                          {"property_id", property}});

  out << "demo data created: hotel 'Harbour View Hotel' (" << kSlug << ") with 16 rooms, 6 guests, "
      << "8 reservations (three nights closed by the night audit) and 3 incidents, and 'Alpine Lodges' "
      << "(alpine-lodges)\n"
      << "hotel staff sign in with the password " << password << ":\n"
      << "  " << manager_email << "  (Hotel Manager)\n"
      << "  " << desk_email << "  (Front Desk)\n"
      << "  " << housekeeping_email << "  (Housekeeping)\n";
  return 0;
}

}  // namespace keycard::app
