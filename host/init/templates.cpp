#include "init/templates.hpp"

namespace ssmd::init {

const std::string_view kGitignore = R"ssmd(# ssmd's local state: configuration and caches. Never commit it.
.ssmd/
)ssmd";

const std::string_view kGithubWorkflow = R"ssmd(# Validates metadata on every change with the hash-pinned plugin set in ssmd-plugins.lock.
name: ssmd
on:
  pull_request:
  push:
    branches: [main]
jobs:
  validate:
    runs-on: ubuntu-latest
    permissions:
      contents: read
      security-events: write
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0   # `schema breaking --against` reads the target branch
      - name: Validate
        run: ssmd validate --locked --format sarif > ssmd.sarif
      - name: Upload results
        if: always()
        uses: github/codeql-action/upload-sarif@v3
        with:
          sarif_file: ssmd.sarif
      - name: Annotate
        if: failure()
        run: ssmd validate --locked --format github
      - name: Refuse wire-breaking schema changes
        if: github.event_name == 'pull_request'
        run: |
          for schema in exchanges/schemas/*.yaml; do
            ssmd schema breaking "$(basename "$schema" .yaml)" --against "origin/${{ github.base_ref }}" --locked
          done
)ssmd";

const std::string_view kGitlabCi = R"ssmd(# Validates metadata on every change with the hash-pinned plugin set in ssmd-plugins.lock.
ssmd-validate:
  stage: test
  script:
    - ssmd validate --locked --format junit > ssmd-junit.xml
  artifacts:
    when: always
    reports:
      junit: ssmd-junit.xml

ssmd-schema-breaking:
  stage: test
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"
  script:
    - git fetch origin "$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    - |
      for schema in exchanges/schemas/*.yaml; do
        ssmd schema breaking "$(basename "$schema" .yaml)" --against "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" --locked
      done
)ssmd";

const std::string_view kPreCommitConfig = R"ssmd(# https://pre-commit.com: runs ssmd's checks before each commit.
repos:
  - repo: local
    hooks:
      - id: ssmd-validate
        name: ssmd validate
        entry: ssmd validate --locked
        language: system
        pass_filenames: false
        files: ^(exchanges/|ssmd-plugins\.lock$)
)ssmd";

const std::string_view kReadme = R"ssmd(# Market-data metadata

Feeds, schemas and environments for this platform, managed with ssmd.

    ssmd feed list                  # what feeds exist
    ssmd feed show NAME --as-of D   # a feed as of a date
    ssmd validate                   # check everything (CI runs it with --locked)
    ssmd diff && ssmd commit -m MSG # review and commit metadata changes

Layout: exchanges/feeds/, exchanges/schemas/, exchanges/environments/. Secrets never enter this
repository: environments name where each key comes from (a secret backend's prefix and a path;
`ssmd plugin list` shows the backends installed).
)ssmd";

} // namespace ssmd::init
