#include "backend.h"

#include "assets.h"
#include "control_faults.h"
#include "fixtures.h"

namespace fwmock {
namespace {

Clock MakeClock(const Options& options) {
  if (!options.manual_clock) return Clock::Real();
  return Clock::Manual(options.start_time.value_or(SystemNow()));
}

TokenCodec MakeTokens(const Options& options) {
  return options.token_secret.empty() ? TokenCodec::Random() : TokenCodec(options.token_secret);
}

}  // namespace

Backend::Backend(const Options& options, std::string openapi_yaml)
    : clock_(MakeClock(options)),
      store_(options.seed),
      tokens_(MakeTokens(options)),
      lister_(store_, tokens_, {options.cache_bytes, options.strict_filters}),
      paging_(options.paging),
      jobs_(&store_, &lister_, &clock_, &tokens_, options.lifecycle, &paging_),
      state_(&store_, &jobs_),
      openapi_yaml_(std::move(openapi_yaml)),
      journal_(options.journal_size),
      control_yaml_(EmbeddedControlOpenApiYaml()) {}

Result<std::unique_ptr<Backend>> Backend::Build(const Options& options, std::string openapi_yaml,
                                                std::vector<std::string>* warnings) {
  std::unique_ptr<Backend> backend(new Backend(options, std::move(openapi_yaml)));
  // Without --fixtures, the bundled data compiled into the binary.
  const Status loaded = options.fixtures.empty()
                            ? LoadFixtureText("fixtures/batch_jobs.json (built in)",
                                              EmbeddedFixtures(), &backend->store_, warnings)
                            : LoadFixtures(options.fixtures, &backend->store_, warnings);
  if (!loaded.ok()) return Status(loaded.code(), "fixtures: " + loaded.message());
  backend->state_.KeepStartUp();
  if (!options.faults.empty()) {
    const Status faults = LoadFaultFile(options.faults, &backend->faults_);
    if (!faults.ok()) return Status(faults.code(), "--faults: " + faults.message());
  }
  backend->lister_.Warm();
  return backend;
}

}  // namespace fwmock
