#pragma once

#include <string_view>

namespace fwmock {

// The files a copied binary needs, compiled into it: mock/CMakeLists.txt turns each into a
// generated source with mock/embed.cmake. Never empty (an empty file fails the build).
std::string_view EmbeddedOpenApiYaml();  // mock/spec/openapi.yaml, served at /openapi.yaml
std::string_view EmbeddedFixtures();     // fixtures/batch_jobs.json, loaded without --fixtures
// mock/spec/_fwmock/openapi.yaml, the control API's contract, served at /_fwmock/openapi.yaml
std::string_view EmbeddedControlOpenApiYaml();

}  // namespace fwmock
