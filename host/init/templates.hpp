// The files `ssmd init` writes into a new metadata repository.
#pragma once

#include <string_view>

namespace ssmd::init {

// .gitignore: local state that must never be committed.
extern const std::string_view kGitignore;
// A GitHub Actions workflow: validate with the locked plugin set (SARIF to code scanning) and refuse
// wire-breaking schema changes against the pull request's target branch.
extern const std::string_view kGithubWorkflow;
// The same for GitLab CI (JUnit report for merge requests).
extern const std::string_view kGitlabCi;
// A pre-commit configuration that runs `ssmd validate` before each commit.
extern const std::string_view kPreCommitConfig;
// ssmd.yaml: the committed team settings (rule severities, data locations, breaking categories), version 1,
// with every setting commented out and explained.
extern const std::string_view kTeamSettings;
// A short README for the new repository.
extern const std::string_view kReadme;

} // namespace ssmd::init
