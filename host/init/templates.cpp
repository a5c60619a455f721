#include "init/templates.hpp"

namespace ssmd::init {

const std::string_view kGitignore = R"ssmd(# ssmd's local state: configuration and caches. Never commit it.
.ssmd/
)ssmd";

// The CI recipes share one shape: an install step the user fills in (it fails with a pointer to itself
// until ssmd is on PATH), SSMD_LOCKED for every step, a check that every pinned plugin is installed (a
// missing one fails the job naming it), `validate --locked` with a report the CI shows, and `schema breaking --against`
// the target branch for every schema that exists there (one new on the branch has nothing to break).
// tests/e2e/test_ci_recipes.cpp runs their shell in a real repository with a feature branch.
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
    env:
      SSMD_LOCKED: "true"   # any ssmd step added here also runs only the plugins pinned in ssmd-plugins.lock
    steps:
      - uses: actions/checkout@v4
        with:
          fetch-depth: 0   # `schema breaking --against` reads the target branch
      - name: Install ssmd
        # Fill in how your organisation ships ssmd, e.g. its .deb package: sudo apt-get install -y ./ssmd_*.deb
        run: |
          command -v ssmd >/dev/null || {
            echo "::error::ssmd is not installed: fill in the 'Install ssmd' step of .github/workflows/ssmd.yml"
            exit 1
          }
          ssmd --version
      - name: Check the pinned plugins
        # Fails (exit 3), naming it, when a plugin pinned in ssmd-plugins.lock is not installed on the runner.
        run: ssmd --locked plugin list
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
        env:
          BASE_REF: ${{ github.base_ref }}   # passed through the environment, never spliced into the script
        run: |
          status=0
          for definition in exchanges/schemas/*.yaml; do
            [ -e "$definition" ] || continue   # no schemas: the pattern matched nothing
            schema=$(basename "$definition" .yaml)
            if ! git cat-file -e "origin/$BASE_REF:$definition" 2>/dev/null; then
              echo "$schema: new on this branch, nothing to compare"
              continue
            fi
            ssmd --locked schema breaking "$schema" --against "origin/$BASE_REF" || status=1
          done
          exit $status
)ssmd";

const std::string_view kGitlabCi = R"ssmd(# Validates metadata on every change with the hash-pinned plugin set in ssmd-plugins.lock.
# Use an image that has ssmd and git, or install ssmd in before_script (e.g. apt-get install -y ./ssmd_*.deb).
variables:
  SSMD_LOCKED: "true"   # any ssmd command added here also runs only the plugins pinned in ssmd-plugins.lock
default:
  before_script:
    - command -v ssmd >/dev/null || { echo "ssmd is not installed; fill in before_script in .gitlab-ci.yml"; exit 1; }

ssmd-validate:
  stage: test
  script:
    # Fails (exit 3), naming it, when a plugin pinned in ssmd-plugins.lock is not installed on the runner.
    - ssmd --locked plugin list
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
    # An explicit refspec: the runner's clone may not track the target branch as origin/<branch>.
    - git fetch origin "+refs/heads/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME:refs/remotes/origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME"
    - |
      status=0
      for definition in exchanges/schemas/*.yaml; do
        [ -e "$definition" ] || continue   # no schemas: the pattern matched nothing
        schema=$(basename "$definition" .yaml)
        if ! git cat-file -e "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME:$definition" 2>/dev/null; then
          echo "$schema: new on this branch, nothing to compare"
          continue
        fi
        ssmd --locked schema breaking "$schema" --against "origin/$CI_MERGE_REQUEST_TARGET_BRANCH_NAME" || status=1
      done
      exit $status
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

const std::string_view kTeamSettings = R"ssmd(# ssmd.yaml: the settings this whole team shares. Commit it: every clone and CI read the same file and
# reach the same verdict. It decides how findings are judged and where data lives; it can never choose
# which plugins run. `ssmd validate` checks it like every other file, and `ssmd config show` lists each
# value with where it came from (your own ~/.config/ssmd/config.yaml and .ssmd/config.yaml override it).
version: 1

# Rule severities, for the core's rules and every plugin's alike: off, warning or error, by rule id or by
# family (`acme/*`). A plugin reports an error only when a value is certainly wrong for its exchange or
# format; raise what this team wants CI to refuse, lower what it accepts. plugin/* and io/* cannot be lowered.
# rules:
#   kalshi/endpoint-host: error            # a Kalshi host the plugin does not list yet fails CI
#   sealed-secret/manifest-missing: error  # every SealedSecret manifest is committed in this repository
#   feed/unknown-key: off

# Where a feed's data lives for `ssmd data` when none of its environments' `storage:` says: the roots of the
# raw and normalized trees, each holding <feed>/<yyyy>/<mm>/<dd>/manifest.json (or `path:`/`url:`, one root
# holding raw/ and normalized/). A local path is relative to the repository root.
# data:
#   raw: s3://ssmd-raw
#   normalized: s3://ssmd-normalized

# The finding categories that make `ssmd schema breaking` fail (see `ssmd schema breaking --help`).
# breaking:
#   fail_on: [wire, removal]          # of wire, removal, hygiene, source, safe
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
