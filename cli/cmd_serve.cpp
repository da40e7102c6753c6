// `review serve`: builds the site, serves it on 127.0.0.1, and rebuilds it when a
// review, a template or review.yaml changes (polling, no file-watch dependency).
#include "cli/commands.hpp"
#include "cli/site_build.hpp"
#include "core/config.hpp"
#include "core/error.hpp"

#include <fmt/format.h>
#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <thread>

namespace review::cli {
namespace {

namespace fs = std::filesystem;

constexpr int k_default_port = 4000;
constexpr int k_ports_to_try = 50;
constexpr auto k_poll_interval = std::chrono::milliseconds(500);

struct ServeOptions {
  int port = 0; // 0: 4000 or the next free one
  bool include_confidential = false;
};

std::atomic<bool> g_stop{false};

extern "C" void request_stop(int) {
  g_stop = true;
}

// Modification time and size of every file that feeds the site.
using Snapshot = std::map<std::string, std::pair<fs::file_time_type, std::uintmax_t>>;

void add_file(Snapshot& snapshot, const fs::path& path) {
  std::error_code ec;
  const auto time = fs::last_write_time(path, ec);
  if (ec) return;
  const auto size = fs::file_size(path, ec);
  snapshot[path.string()] = {time, ec ? 0 : size};
}

Snapshot take_snapshot(const core::Config& config) {
  Snapshot snapshot;
  for (const fs::path& folder : {config.reviews_path(), config.templates_path()}) {
    std::error_code ec;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec);
    for (const fs::recursive_directory_iterator end; !ec && it != end; it.increment(ec)) {
      if (it->is_regular_file(ec)) add_file(snapshot, it->path());
    }
  }
  if (!config.file.empty()) add_file(snapshot, config.file);
  for (const auto& partial :
       {config.site.theme_css, config.site.header_html, config.site.footer_html}) {
    if (!partial.empty()) add_file(snapshot, config.root / partial);
  }
  return snapshot;
}

fs::path config_start(const core::Config& config) {
  return config.file.empty() ? config.root : config.file.parent_path();
}

// Builds, printing errors instead of stopping: a typo in a review must not end the preview.
void rebuild(const core::Config& config, const ServeOptions& options) {
  site::BuildOptions build;
  build.include_confidential = options.include_confidential;
  build.today = build_date();
  try {
    build_and_report(config, build, false);
  } catch (const core::Error& e) {
    std::cerr << "review: " << e.what() << "\n";
  }
}

int run_serve(const ServeOptions& options) {
  core::Config config = core::load_config(fs::current_path());
  rebuild(config, options);
  const fs::path out = config.root / config.site.output;

  httplib::Server server;
  // httplib's default sets SO_REUSEPORT, which lets a second server share a port
  // already in use; SO_REUSEADDR alone still allows a quick restart.
  server.set_socket_options([](socket_t sock) {
    int yes = 1;
    ::setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof(yes));
  });
  if (!server.set_mount_point("/", out.string(), {{"Cache-Control", "no-cache"}})) {
    throw core::Error(fmt::format(
        "{}: the site folder is missing; fix the errors above and try again", out.string()));
  }
  int port = options.port != 0 ? options.port : k_default_port;
  const int last = options.port != 0 ? port : port + k_ports_to_try - 1;
  while (!server.bind_to_port("127.0.0.1", port)) {
    if (port >= last) {
      throw core::Error(options.port != 0
                            ? fmt::format("port {} is in use; choose another with --port", port)
                            : fmt::format("ports {} to {} are all in use; choose one with --port",
                                          k_default_port, last));
    }
    ++port;
  }
  std::thread listener([&server] { server.listen_after_bind(); });

  std::signal(SIGINT, request_stop);
  std::signal(SIGTERM, request_stop);
  std::cout << fmt::format("serving http://127.0.0.1:{}/ (press Ctrl-C to stop)\n", port);
  std::cout << fmt::format("  rebuilding when {}/, {}/ or review.yaml change\n", config.reviews_dir,
                           config.templates_dir);
  std::cout.flush();

  Snapshot last_seen = take_snapshot(config);
  while (!g_stop) {
    std::this_thread::sleep_for(k_poll_interval);
    Snapshot now = take_snapshot(config);
    if (now == last_seen) continue;
    // Several files often change at once (a branch switch): wait until it settles.
    do {
      last_seen = std::move(now);
      std::this_thread::sleep_for(k_poll_interval);
      now = take_snapshot(config);
    } while (now != last_seen && !g_stop);
    if (g_stop) break;
    std::cout << "change detected, rebuilding\n";
    try {
      config = core::load_config(config_start(config));
    } catch (const core::Error& e) {
      std::cerr << "review: " << e.what() << " (kept the previous settings)\n";
    }
    rebuild(config, options);
    last_seen = take_snapshot(config);
  }
  server.stop();
  listener.join();
  std::cout << "stopped\n";
  return 0;
}

} // namespace

void setup_serve(CLI::App& app, int& exit_code) {
  auto options = std::make_shared<ServeOptions>();
  auto* command = app.add_subcommand(
      "serve", "Preview the site on 127.0.0.1, rebuilding it when a review changes");
  command
      ->add_option("--port", options->port,
                   "Port to listen on (default: 4000 or the next free one)")
      ->check(CLI::Range(1, 65535));
  command->add_flag("--include-confidential", options->include_confidential,
                    "Include reviews marked confidential: true in the preview");
  command->callback([options, &exit_code] { exit_code = run_serve(*options); });
}

} // namespace review::cli
