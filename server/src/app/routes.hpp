// Every feature's route table, registered in one place.
#pragma once

#include "http/router.hpp"

namespace keycard::app {
void register_all_routes(http::Router& router);
}
