#pragma once
// A Reply written into cpp-httplib's response: one place for the status, the JSON body and its
// content type, for every route and every refusal of the transport layer.
#include <httplib.h>

#include "api.hpp"

namespace tally::http {

inline void send_reply(httplib::Response& res, const Reply& reply) {
  res.status = reply.status;
  // Replace rather than throw on a stray invalid byte in a message: a reply is always sent.
  res.set_content(reply.body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace),
                  "application/json; charset=utf-8");
}

}  // namespace tally::http
