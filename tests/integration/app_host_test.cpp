// The ready line is a URL a client can use, for IPv4 and IPv6 hosts alike.
#include <catch2/catch.hpp>

#include "api_client.h"

namespace fwmock_test {
namespace {

TEST_CASE("The ready line puts an IPv6 host in brackets", "[process][startup]") {
  FwmockProcess server({"--host", "::1"});
  CHECK(server.ready_line() == "fwmock listening on http://[::1]:" + std::to_string(server.port()));
  // The URL of the ready line is one an HTTP client can use as it is.
  httplib::Client client(server.ready_line().substr(server.ready_line().find("http://")));
  const httplib::Result res = client.Get("/healthz");
  REQUIRE(res);
  CHECK(res->status == 200);
  CHECK(ApiClient("::1", server.port()).Get("/healthz").status == 200);
  CHECK(server.Stop() == 0);
}

TEST_CASE("The ready line keeps an IPv4 or named host as given", "[process][startup]") {
  const std::string host = GENERATE("127.0.0.1", "localhost");
  CAPTURE(host);
  FwmockProcess server({"--host", host});
  CHECK(server.ready_line() ==
        "fwmock listening on http://" + host + ":" + std::to_string(server.port()));
  CHECK(ApiClient(server).Get("/healthz").status == 200);
}

}  // namespace
}  // namespace fwmock_test
