#include "validate/job_plan.hpp"

#include "core/sha256.hpp"
#include "files/tree_reader.hpp"
#include "plugins/plugin_manager.hpp"
#include "registry/repository.hpp"
#include "registry/resolve.hpp"
#include "schema/finding_category.hpp"
#include "validate/merged_environment.hpp"
#include "validate/providers.hpp"

#include <algorithm>
#include <filesystem>
#include <map>
#include <memory>
#include <stdexcept>
#include <sys/stat.h>

namespace ssmd::validate {

namespace {

ssmd_str c_str(const std::string &s) { return ssmd_str{s.data(), s.size()}; }

// Identifies a plugin build without hashing its bytes: name, version, file size and modification time.
std::string plugin_identity(const PluginInfo &info) {
  struct stat st {};
  ::stat(info.path.c_str(), &st);
  return info.manifest.name + "@" + info.manifest.version + ":" + std::to_string(st.st_size) + ":" +
         std::to_string(st.st_mtim.tv_sec) + "." + std::to_string(st.st_mtim.tv_nsec);
}

Severity severity_of(ssmd_severity s) {
  return s == SSMD_SEVERITY_ERROR ? Severity::Error : s == SSMD_SEVERITY_WARNING ? Severity::Warning : Severity::Info;
}

// A finding with an explicit place keeps it; one with a document path is located in `doc`.
Diagnostic place(const PluginFinding &f, const yaml::Document *doc, const std::string &file, const std::string &prefix) {
  Diagnostic d;
  d.severity = severity_of(f.severity);
  d.rule = f.rule;
  d.message = f.message;
  if (f.line) {
    d.file = f.file.empty() ? file : f.file;
    d.line = f.line;
    d.column = f.column;
    return d;
  }
  std::string path = prefix.empty() ? f.path : f.path.empty() ? prefix : prefix + "." + f.path;
  // Without a parsed document the finding can only point at the file's start.
  yaml::Mark m = doc ? doc->locate(path) : yaml::Mark{1, 1};
  d.file = file;
  d.line = m.line;
  d.column = m.column;
  return d;
}

// Everything jobs need at run time; shared by their closures and alive while any job is.
struct Shared {
  PluginManager *plugins;
  // The files the run checks (the working tree, or a commit under --at); owned by the Repository, which
  // outlives every job.
  const files::TreeReader *files = nullptr;
  std::vector<std::unique_ptr<MergedEnvironment>> merged;
};

class Planner {
public:
  Planner(PluginManager &plugins, registry::Repository &repo, const std::string &salt)
      : plugins_(plugins), repo_(repo), salt_(salt), shared_(std::make_shared<Shared>()) {
    shared_->plugins = &plugins;
    shared_->files = &repo.files();
    // Files that are neither feeds, schemas nor environments (a backend's own folder, say) can matter to
    // secret checks: their digest goes into those jobs' keys.
    Sha256 others;
    for (const auto &rel : repo.files().list_files("exchanges", true)) {
      if (rel.rfind("exchanges/feeds/", 0) == 0 || rel.rfind("exchanges/environments/", 0) == 0 ||
          rel.rfind("exchanges/schemas/", 0) == 0)
        continue;
      others.field(rel).field(repo.read(rel).value_or(""));
    }
    others_digest_ = others.hex();
    Sha256 schemas;
    for (const auto &file : repo.schema_folder_files()) schemas.field(file).field(repo.read(registry::Repository::schema_path(file)).value_or(""));
    schema_folder_digest_ = schemas.hex();
  }

  Plan run() {
    for (const auto &name : repo_.names(registry::Kind::Feed)) plan_feed(name);
    for (const auto &name : repo_.names(registry::Kind::Schema)) plan_schema(name);
    for (const auto &name : repo_.names(registry::Kind::Environment)) plan_environment(name);
    return std::move(plan_);
  }

private:
  // The provider of an extension point, or a planning diagnostic explaining why there is none.
  const PluginInfo *provider(std::string_view kind, const std::string &name, const yaml::Document *doc,
                             const std::string &file, const std::string &path, Severity when_missing,
                             const std::string &subject = "") {
    Provider p = find_provider(plugins_, kind, name);
    if (p.found()) return p.plugin;
    yaml::Mark m = doc ? doc->locate(path) : yaml::Mark{1, 1};
    if (!p.unavailable.empty()) {
      plan_.diagnostics.push_back(Diagnostic{file, m.line, m.column, Severity::Error, "plugin/unavailable",
                                             subject + "the " + std::string(kind_noun(kind)) + " for '" + name +
                                                 "' is needed, but " + p.unavailable +
                                                 "; validation of this file is incomplete"});
    } else {
      // Under --locked the run promises that the pinned plugins checked everything; a file no plugin can
      // check breaks that promise, so what is otherwise a warning is an error.
      if (plugins_.settings().locked) when_missing = Severity::Error;
      plan_.diagnostics.push_back(Diagnostic{file, m.line, m.column, when_missing, "plugin/missing",
                                             subject + "no " + std::string(kind_noun(kind)) + " plugin provides '" + name +
                                                 "'; its rules were not checked (install a plugin that provides " +
                                                 std::string(kind) + " " + name + ")" +
                                                 unread_plugins_note(plugins_.plugins())});
    }
    return nullptr;
  }

  std::string key(std::initializer_list<std::string_view> parts) {
    Sha256 h;
    h.field(salt_);
    for (auto p : parts) h.field(p);
    return h.hex();
  }

  void plan_feed(const std::string &name) {
    const registry::LoadedFeed *feed = repo_.feed(name);
    if (!feed || !feed->model || !feed->doc) return;
    const PluginInfo *info = provider("feed", feed->model->exchange, feed->doc.get(), feed->file,
                                      feed->doc->find("exchange") ? "exchange" : "name", Severity::Warning);
    if (!info) return;
    std::string exchange = feed->model->exchange, file = feed->file;
    const yaml::Document *doc = feed->doc.get();
    auto shared = shared_;
    PlannedJob job;
    job.job = PluginJob{info->manifest.name, file,
                        [shared, exchange, file, doc](const ssmd_sink *sink, const ssmd_bytes_sink *) {
                          auto lookup = shared->plugins->feed_validator(exchange);
                          if (!lookup) throw std::runtime_error(lookup.problem);
                          ssmd_feed_context fctx{sizeof(ssmd_feed_context), lookup.host,
                                                 c_str(file), sink};
                          lookup.table->check_feed(&fctx, yaml::Document::handle(doc->root()));
                        },
                        0};
    job.map = [doc, file](const JobResult &r) {
      Diagnostics out;
      for (const auto &f : r.findings) out.push_back(place(f, doc, file, ""));
      return out;
    };
    job.cache_key = key({"feed", plugin_identity(*info), exchange, file, feed->text});
    plan_.jobs.push_back(std::move(job));
  }

  void plan_schema(const std::string &name) {
    const registry::LoadedSchema *schema = repo_.schema(name);
    if (!schema || !schema->model || !schema->doc || schema->model->format.empty()) return;
    const auto &model = *schema->model;
    const PluginInfo *info = provider("schema-format", model.format, schema->doc.get(), schema->file, "format",
                                      Severity::Error);
    if (!info) return;
    std::string identity = plugin_identity(*info);
    for (const auto &v : model.versions) {
      std::string def = model.file_of(v);
      if (def.empty()) continue;
      std::string def_path = registry::Repository::schema_path(def);
      plan_.files.push_back(def_path);
      auto input = std::make_shared<Input>(Input{model.name, v.version, def_path, v.root});
      const yaml::Document *doc = schema->doc.get();
      std::string file = schema->file, format = model.format, vpath = "versions[" + std::to_string(v.index) + "]";
      auto shared = shared_;
      PlannedJob job;
      job.job = PluginJob{info->manifest.name, def_path,
                          [shared, format, input](const ssmd_sink *sink, const ssmd_bytes_sink *) {
                            auto lookup = shared->plugins->schema_format(format);
                            if (!lookup) throw std::runtime_error(lookup.problem);
                            ssmd_file_reader files = files::make_file_reader(*shared->files);
                            ssmd_schema_input in = input->c(files);
                            lookup.table->check(lookup.host, &in, sink);
                          },
                          0};
      job.map = [doc, file, vpath](const JobResult &r) {
        Diagnostics out;
        for (const auto &f : r.findings) out.push_back(place(f, doc, file, vpath));
        return out;
      };
      job.cache_key = key({"schema", identity, format, file, schema->text, input->version, schema_folder_digest_});
      plan_.jobs.push_back(std::move(job));
      plan_compatibility(*schema, v, info, input);
    }
  }

  // Inputs of a schema version, kept alive for the job and turned into the C struct on demand.
  struct Input {
    std::string schema, version, file, root;
    ssmd_schema_input c(const ssmd_file_reader &files) const {
      return ssmd_schema_input{sizeof(ssmd_schema_input), c_str(schema), c_str(version), c_str(file), c_str(root), &files};
    }
  };

  // A `compatible_with: [v1]` claim is a job of its own: the format's breaking() must find nothing it
  // reports as an error (a wire change or a removal) between the named version and this one.
  void plan_compatibility(const registry::LoadedSchema &schema, const registry::SchemaVersion &v, const PluginInfo *info,
                          std::shared_ptr<Input> newer) {
    const auto &model = *schema.model;
    for (size_t j = 0; j < v.compatible_with.size(); ++j) {
      auto older_version = std::find_if(model.versions.begin(), model.versions.end(),
                                        [&](const registry::SchemaVersion &o) { return o.version == v.compatible_with[j]; });
      if (older_version == model.versions.end() || model.file_of(*older_version).empty()) continue; // a core rule reports it
      auto older = std::make_shared<Input>(Input{model.name, older_version->version,
                                                 registry::Repository::schema_path(model.file_of(*older_version)),
                                                 older_version->root});
      std::string claim_path = "versions[" + std::to_string(v.index) + "].compatible_with[" + std::to_string(j) + "]";
      const yaml::Document *doc = schema.doc.get();
      std::string file = schema.file, format = model.format, claim = v.version + " claims compatibility with " + older->version;
      auto shared = shared_;
      PlannedJob job;
      job.job = PluginJob{info->manifest.name, newer->file,
                          [shared, format, older, newer](const ssmd_sink *sink, const ssmd_bytes_sink *) {
                            auto lookup = shared->plugins->schema_format(format);
                            if (!lookup) throw std::runtime_error(lookup.problem);
                            if (!lookup.table->breaking) return;
                            ssmd_file_reader files = files::make_file_reader(*shared->files);
                            ssmd_schema_input a = older->c(files), b = newer->c(files);
                            lookup.table->breaking(lookup.host, &a, &b, sink);
                          },
                          0};
      job.map = [doc, file, claim_path, claim](const JobResult &r) {
        Diagnostics out;
        std::string list;
        size_t breaking = 0;
        std::map<std::string, size_t> per_category; // "wire" -> 2, "removal" -> 1
        for (const auto &f : r.findings) {
          if (f.severity != SSMD_SEVERITY_ERROR) continue;
          ++per_category[std::string(schema::category_name(schema::category_of(f.rule)))];
          if (++breaking <= 5) {
            Diagnostic at = place(f, doc, file, "");
            list += "; " + at.file + ":" + std::to_string(at.line) + ":" + std::to_string(at.column) + ": " + f.message +
                    " [" + f.rule + "]";
          }
        }
        if (breaking) {
          yaml::Mark m = doc->locate(claim_path);
          std::string counts;
          for (const auto &[category, n] : per_category)
            counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + category +
                      (category == "removal" && n != 1 ? "s" : category == "removal" ? "" : n == 1 ? " change" : " changes");
          out.push_back(Diagnostic{file, m.line, m.column, Severity::Error, "schema/false-compatibility-claim",
                                   claim + ", but the format checker finds " + counts + list +
                                       (breaking > 5 ? "; ..." : "")});
        }
        return out;
      };
      job.cache_key = key({"compat", plugin_identity(*info), format, file, schema.text, older->version, newer->version,
                           schema_folder_digest_});
      plan_.jobs.push_back(std::move(job));
    }
  }

  void plan_environment(const std::string &name) {
    const registry::LoadedEnvironment *env = repo_.environment(name);
    if (!env || !env->model || !env->doc) return;
    registry::Resolution resolution = registry::resolve_environment(repo_, name);
    if (!resolution.env) return; // the core rules report missing parents and cycles
    auto merged = MergedEnvironment::build(repo_, resolution.env->chain);
    if (!merged) return;
    const MergedEnvironment *m = merged.get();
    shared_->merged.push_back(std::move(merged));
    std::string chain_text;
    for (const auto &link : resolution.env->chain) {
      const auto *e = repo_.environment(link);
      chain_text += e ? e->text : "";
    }

    // The feed validator of the environment's feed checks the environment too (keys it needs, ...).
    if (resolution.env->feed) {
      const registry::LoadedFeed *feed = repo_.feed(*resolution.env->feed);
      if (feed && feed->model && feed->doc) {
        Provider p = find_provider(plugins_, "feed", feed->model->exchange);
        if (p.found()) {
          plan_env_feed_job(*env, *m, *feed, *p.plugin, chain_text);
        } else if (!p.unavailable.empty()) {
          // The feed's file reports it too; this file says so as well because its own checks (the keys
          // the feed needs, ...) are what goes missing, and a write to it must not pass unchecked.
          yaml::Mark at = env->doc->locate(env->doc->find("feed") ? "feed" : "name");
          plan_.diagnostics.push_back(Diagnostic{env->file, at.line, at.column, Severity::Error, "plugin/unavailable",
                                                 "the feed validator for '" + feed->model->exchange + "' (feed '" +
                                                     *resolution.env->feed + "') is needed but " + p.unavailable +
                                                     "; validation of this file is incomplete"});
        }
      }
    }
    for (const auto &key : resolution.env->keys) plan_key(*env, *m, resolution.env->chain, key.spec, chain_text);
  }

  void plan_env_feed_job(const registry::LoadedEnvironment &env, const MergedEnvironment &merged,
                         const registry::LoadedFeed &feed, const PluginInfo &info, const std::string &chain_text) {
    std::string exchange = feed.model->exchange, file = env.file;
    const yaml::Document *feed_doc = feed.doc.get();
    const MergedEnvironment *m = &merged;
    auto shared = shared_;
    PlannedJob job;
    job.job = PluginJob{info.manifest.name, file,
                        [shared, exchange, file, feed_doc, m](const ssmd_sink *sink, const ssmd_bytes_sink *) {
                          auto lookup = shared->plugins->feed_validator(exchange);
                          if (!lookup) throw std::runtime_error(lookup.problem);
                          if (!lookup.table->check_environment) return;
                          ssmd_feed_context fctx{sizeof(ssmd_feed_context), lookup.host,
                                                 c_str(file), sink};
                          lookup.table->check_environment(&fctx, yaml::Document::handle(m->document().root()),
                                                          yaml::Document::handle(feed_doc->root()));
                        },
                        0};
    job.map = [m](const JobResult &r) {
      Diagnostics out;
      for (const auto &f : r.findings) {
        if (f.line) {
          out.push_back(place(f, nullptr, m->locate("").file, ""));
          continue;
        }
        Diagnostic at = m->locate(f.path);
        at.severity = severity_of(f.severity);
        at.rule = f.rule;
        at.message = f.message;
        out.push_back(std::move(at));
      }
      return out;
    };
    job.cache_key = key({"env-feed", plugin_identity(info), exchange, file, chain_text, feed.text});
    plan_.jobs.push_back(std::move(job));
  }

  // `chain` is the environment and the ones it extends, nearest first: one of them defines the key.
  void plan_key(const registry::LoadedEnvironment &env, const MergedEnvironment &merged,
                const std::vector<std::string> &chain, const registry::KeySpec &spec, const std::string &chain_text) {
    if (spec.source.empty()) return; // a core rule reports it
    std::string prefix = spec.source.substr(0, spec.source.find('/'));
    std::string key_path = "keys." + spec.name;
    Diagnostic where = merged.locate(key_path + ".source");
    // Only the chain, not every environment: looking through all of them for each key made planning
    // quadratic in the number of environments (a fifth of a cold validate of 1,000 of them).
    const registry::LoadedEnvironment *definer = nullptr;
    for (const auto &n : chain) {
      const auto *e = repo_.environment(n);
      if (e && e->file == where.file) definer = e;
    }
    const PluginInfo *info = provider("secret", prefix, definer ? definer->doc.get() : nullptr, where.file,
                                      key_path + ".source", Severity::Error,
                                      "key '" + spec.name + "' of environment '" + env.stem + "': ");
    if (!info) return;
    std::string env_name = env.stem, key_name = spec.name, source = spec.source, file = where.file;
    const MergedEnvironment *m = &merged;
    auto shared = shared_;
    PlannedJob job;
    job.job = PluginJob{info->manifest.name, file,
                        [shared, prefix, env_name, key_name, source, file, m,
                         key_path](const ssmd_sink *sink, const ssmd_bytes_sink *) {
                          auto lookup = shared->plugins->secret_backend(prefix);
                          if (!lookup) throw std::runtime_error(lookup.problem);
                          ssmd_file_reader files = files::make_file_reader(*shared->files);
                          ssmd_secret_request req{sizeof(ssmd_secret_request), c_str(env_name), c_str(key_name),
                                                  c_str(source), yaml::Document::handle(m->document().find(key_path)),
                                                  c_str(file), &files, nullptr, nullptr};
                          lookup.table->check(lookup.host, &req, sink);
                        },
                        0};
    job.map = [m, key_path](const JobResult &r) {
      Diagnostics out;
      for (const auto &f : r.findings) {
        if (f.line) {
          out.push_back(place(f, nullptr, m->locate(key_path).file, ""));
          continue;
        }
        Diagnostic at = m->locate(f.path.empty() ? key_path : key_path + "." + f.path);
        at.severity = severity_of(f.severity);
        at.rule = f.rule;
        at.message = f.message;
        out.push_back(std::move(at));
      }
      return out;
    };
    job.cache_key = key({"secret", plugin_identity(*info), env_name, key_name, chain_text, others_digest_});
    plan_.jobs.push_back(std::move(job));
  }

  PluginManager &plugins_;
  registry::Repository &repo_;
  std::string salt_;
  std::shared_ptr<Shared> shared_;
  std::string others_digest_, schema_folder_digest_;
  Plan plan_;
};

} // namespace

Plan plan_jobs(PluginManager &plugins, registry::Repository &repo, const std::string &salt) {
  return Planner(plugins, repo, salt).run();
}

} // namespace ssmd::validate
