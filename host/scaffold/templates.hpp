// The text of the files `ssmd plugin new` writes, with `@KEY@` placeholders (see project.cpp for the
// values). The common files are the same for every kind; each kind adds its source, its test, the
// harness calls for its extension point and two paragraphs of README.
//
// Host rule: the templates name no real exchange, format, backend or service. The example they show is
// derived from the plugin's own name (feed-acme validates the made-up exchange `acme`).
#pragma once

#include <string_view>

namespace ssmd::scaffold {

extern const std::string_view kCMakeListsTemplate;   // CMakeLists.txt
extern const std::string_view kGitignoreTemplate;    // .gitignore
extern const std::string_view kHarnessTemplate;      // tests/plugin_harness.hpp; @HARNESS_CALLS@ per kind
extern const std::string_view kReadmeTemplate;       // README.md; @README_ABOUT@ and @README_TRY@ per kind

struct KindTemplates {
  std::string_view source;        // src/@STEM@.cpp: the plugin with one example rule
  std::string_view test;          // tests/test_@STEM@.cpp: the rule fires on bad input, stays quiet on good
  std::string_view harness_calls; // members of harness::Plugin that call this extension point
  std::string_view readme_about;  // README: what the plugin checks and when ssmd calls it
  std::string_view readme_try;    // README: a repository file that exercises it
};

extern const KindTemplates kFeedTemplates;
extern const KindTemplates kSchemaFormatTemplates;
extern const KindTemplates kSecretTemplates;
extern const KindTemplates kStorageTemplates;

} // namespace ssmd::scaffold
