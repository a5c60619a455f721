// A schema-format checker: parses and lints the schema files of one format.
#include "scaffold/templates.hpp"

namespace ssmd::scaffold {

namespace {

const std::string_view kSource = R"tpl(// @NAME@: checks schema files of the @ID@ format (`format: @ID@` in exchanges/schemas/*.yaml).
//
// `ssmd validate` calls check() for each version of such a schema. The version's file, and any file it
// imports, are read through `input.files` (from the working tree, or from a commit for `--against REF`).
// Findings point at a line and column of the schema file. Implement breaking() so that ssmd can verify a
// version's `compatible_with:` claim and `ssmd schema breaking` can compare versions, and fingerprint() for
// a hash that ignores comments and layout.
#include <ssmd/plugin.hpp>

#include <cstdint>
#include <optional>
#include <string>

class @CLASS@Format : public ssmd::SchemaFormat {
public:
  // `ssmd schema register NAME --file F.@ID@` takes the format from this extension.
  std::string_view extension() const override { return "@ID@"; }

  void check(const ssmd::Host &, const ssmd::SchemaInput &input, ssmd::Diagnostics &out) override {
    std::optional<std::string> text = input.files.read(input.file);
    if (!text) return; // ssmd's core rules report a missing schema file
    // The example rule: indentation is spaces only. One finding per line, at its first tab.
    uint32_t line = 1, column = 1;
    bool reported = false;
    for (char c : *text) {
      if (c == '\n') {
        ++line;
        column = 1;
        reported = false;
        continue;
      }
      if (c == '\t' && !reported) {
        out.at(SSMD_SEVERITY_ERROR, "@ID@/no-tabs", input.file, line, column,
               "@ID@ schemas are indented with spaces; a tab is not allowed");
        reported = true;
      }
      ++column;
    }
  }

  std::vector<ssmd::Rule> rules() const override {
    // Id, purpose, where the requirement comes from, the most severe level it reports, and a category.
    return {{"@ID@/no-tabs", "Checks that @ID@ schema files contain no tab characters.",
             "https://@DOMAIN@/docs/@ID@-style", SSMD_SEVERITY_WARNING, "style"}};
  }
};

// The address of the plugin's documentation, which `ssmd rules list` shows and SARIF output links its rules
// to: replace it with your own.
SSMD_PLUGIN_MANIFEST_URL("@NAME@", PLUGIN_VERSION, "@URL@", SSMD_PROVIDES_SCHEMA_FORMAT("@ID@"))
SSMD_PLUGIN_EXPORT(ssmd::schema_format<@CLASS@Format>("@ID@"))
)tpl";

const std::string_view kTest = R"tpl(// @NAME@ through its C ABI: each rule fires on a schema that breaks it and stays quiet on one that keeps it.
#include "plugin_harness.hpp"

#include <gtest/gtest.h>

namespace {
const std::string kFile = "exchanges/schemas/trade.v1.@ID@";
} // namespace

TEST(@CLASS@NoTabs, QuietOnASchemaIndentedWithSpaces) {
  harness::Plugin plugin(PLUGIN_FILE);
  harness::Findings findings = plugin.check_schema("@ID@", kFile, "record Trade\n  price: int64\n  size: int64\n");
  EXPECT_TRUE(findings.empty()) << harness::dump(findings);
}

TEST(@CLASS@NoTabs, ReportsTheTabAtItsLineAndColumn) {
  harness::Plugin plugin(PLUGIN_FILE);
  harness::Findings findings = plugin.check_schema("@ID@", kFile, "record Trade\n  price: int64\n  \tsize: int64\n");
  ASSERT_EQ(findings.size(), 1u) << harness::dump(findings);
  EXPECT_EQ(findings[0].rule, "@ID@/no-tabs");
  EXPECT_EQ(findings[0].severity, SSMD_SEVERITY_ERROR);
  EXPECT_EQ(findings[0].file, kFile);
  EXPECT_EQ(findings[0].line, 3u);
  EXPECT_EQ(findings[0].column, 3u);
  EXPECT_NE(findings[0].message.find("indented with spaces"), std::string::npos) << "says what is allowed";
}
)tpl";

const std::string_view kHarnessCalls = R"tpl(
  // Runs the checker of `format` on one schema version whose file, `file`, holds `content`.
  Findings check_schema(const std::string &format, const std::string &file, const std::string &content) const {
    const ssmd_schema_format *checker = provided(plugin_->schema_formats, plugin_->schema_format_count,
                                                 &ssmd_schema_format::format, format);
    std::map<std::string, std::string> files{{file, content}};
    ssmd_file_reader reader{&files, [](void *ctx, ssmd_str path, const ssmd_bytes_sink *out) {
                              auto *known = static_cast<std::map<std::string, std::string> *>(ctx);
                              auto found = known->find(text(path));
                              if (found == known->end()) return SSMD_FAILED;
                              out->write(out->ctx, str(found->second));
                              return SSMD_OK;
                            }};
    std::string schema = "trade", version = "v1";
    ssmd_schema_input input{sizeof(ssmd_schema_input), str(schema), str(version), str(file), ssmd_str{nullptr, 0},
                            &reader};
    Collector collector;
    ssmd_host host = host_for(checker->context);
    checker->check(&host, &input, collector.sink());
    return collector.findings;
  }
)tpl";

const std::string_view kReadmeAbout = R"tpl(`ssmd validate` hands it every version of a schema whose
`format:` is `@ID@`, and `ssmd schema register NAME --file F.@ID@` registers files of this format.)tpl";

const std::string_view kReadmeTry = R"tpl(Register a schema file of this format in a metadata repository, then validate:

```sh
printf 'record Trade\n  price: int64\n' > trade.@ID@
ssmd schema register trade --file trade.@ID@
ssmd validate
```

A tab in the file's indentation is then reported at its place, e.g.
`exchanges/schemas/trade.v1.@ID@:2:1: error: @ID@ schemas are indented with spaces; a tab is not allowed [@ID@/no-tabs]`.)tpl";

} // namespace

const KindTemplates kSchemaFormatTemplates{kSource, kTest, kHarnessCalls, kReadmeAbout, kReadmeTry};

} // namespace ssmd::scaffold
