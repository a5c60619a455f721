// What code below the commands needs to find and call plugins, and nothing more of a command's Context: the
// plugins discovered for this run, and the effective configuration (loaded), which sets the plugin timeouts
// and which plugins read through the host's services. Both belong to the command's Context, which converts
// to this (cli/context.hpp), and outlive every use.
#pragma once

namespace ssmd {

class Config;
class PluginManager;

struct PluginAccess {
  PluginManager &plugins;
  Config &config;
};

} // namespace ssmd
