#include "events/rules.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace keycard::events {
namespace {

TEST(EventsClassify, AStateChangeIsItsAuditActionReadWithTheResourcesPermission) {
  const auto k = classify("room.status_changed", "room");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->type, "room.status_changed");
  EXPECT_EQ(k->permission, "hotel:rooms:read");
  EXPECT_EQ(classify("incident.created", "incident")->permission, "hotel:incidents:read");
  EXPECT_EQ(classify("folio.charge_posted", "folio_line")->permission, "hotel:folios:read");
  EXPECT_EQ(classify("invoice.issued", "invoice")->permission, "hotel:invoices:read");
  EXPECT_EQ(classify("role.updated", "role")->permission, "hotel:roles:read");
}

TEST(EventsClassify, ReservationStatusActionsAreOneTypeAndAPaymentIsRecorded) {
  for (const char* action : {"reservation.confirmed", "reservation.checked_in", "reservation.checked_out",
                             "reservation.cancelled", "reservation.no_show"}) {
    const auto k = classify(action, "reservation");
    ASSERT_TRUE(k) << action;
    EXPECT_EQ(k->type, "reservation.status_changed") << action;
    EXPECT_EQ(k->permission, "hotel:reservations:read");
  }
  EXPECT_EQ(classify("reservation.created", "reservation")->type, "reservation.created");
  EXPECT_EQ(classify("reservation.room_assigned", "reservation")->type, "reservation.room_assigned");
  const auto pay = classify("payment.created", "payment");
  ASSERT_TRUE(pay);
  EXPECT_EQ(pay->type, "payment.recorded");
  EXPECT_EQ(pay->permission, "hotel:payments:read");
  EXPECT_EQ(classify("payment.refunded", "payment")->type, "payment.refunded");
}

TEST(EventsClassify, TheNightAuditIsReadWithItsOwnPermissionNotTheProperties) {
  const auto k = classify("night_audit.completed", "property");
  ASSERT_TRUE(k);
  EXPECT_EQ(k->permission, "hotel:night_audit:read");
  EXPECT_EQ(classify("property.updated", "property")->permission, "hotel:properties:read");
}

TEST(EventsClassify, ReadsSessionsAndUnknownResourcesMakeNoEvent) {
  EXPECT_FALSE(classify("guest.exported", "guest"));
  EXPECT_FALSE(classify("report.exported", "report"));
  EXPECT_FALSE(classify("auth.login", "user"));
  EXPECT_FALSE(classify("auth.password_changed", "user"));
  EXPECT_FALSE(classify("impersonation.started", "impersonation_session"));
  EXPECT_FALSE(classify("hotel.status_changed", "tenant"));
  EXPECT_FALSE(classify("thing.created", "thing"));
}

TEST(EventsReaders, EveryResourceTypeHasAHotelReadPermission) {
  ASSERT_FALSE(resource_types().empty());
  for (const auto& type : resource_types()) {
    const auto p = read_permission(type);
    ASSERT_TRUE(p) << type;
    EXPECT_TRUE(p->starts_with("hotel:") && p->ends_with(":read")) << *p;
  }
  EXPECT_FALSE(read_permission("tenant"));
}

TEST(EventsData, AGuestsEventNamesTheFieldsWithoutTheirValues) {
  const boost::json::object changes{{"first_name", {{"before", "Ann"}, {"after", "Anna"}}},
                                    {"phone", {{"before", nullptr}, {"after", "+44 20 7946 0000"}}}};
  const auto data = event_data("guest.updated", "guest", changes);
  EXPECT_EQ(data.at("action").as_string(), "guest.updated");
  EXPECT_FALSE(data.contains("changes"));
  const auto text = boost::json::serialize(data);
  EXPECT_EQ(text.find("Anna"), std::string::npos);
  EXPECT_EQ(text.find("7946"), std::string::npos);
  const auto& fields = data.at("fields").as_array();
  ASSERT_EQ(fields.size(), 2U);
  EXPECT_EQ(fields[0].as_string(), "first_name");
  EXPECT_EQ(fields[1].as_string(), "phone");
}

TEST(EventsData, AGuestsAuditEntryOfFieldNamesGivesThoseNames) {
  // What guests/codec.cpp's audit_changes records: the names only.
  const boost::json::object changes{{"fields", boost::json::array{"first_name", "phone"}}};
  const auto data = event_data("guest.created", "guest", changes);
  const auto& fields = data.at("fields").as_array();
  ASSERT_EQ(fields.size(), 2U);
  EXPECT_EQ(fields[0].as_string(), "first_name");
  EXPECT_EQ(fields[1].as_string(), "phone");
}

TEST(EventsData, OtherEventsCarryTheChanges) {
  const boost::json::object changes{{"status", {{"before", "clean"}, {"after", "dirty"}}}};
  const auto data = event_data("room.status_changed", "room", changes);
  EXPECT_EQ(data.at("changes").as_object(), changes);
  EXPECT_FALSE(data.contains("fields"));
}

}  // namespace
}  // namespace keycard::events
