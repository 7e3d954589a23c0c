package dev.wt.core.config;

import java.util.List;
import java.util.Set;

/**
 * Variables a database's connection details may not be put in. Their values are wt's (a URL, a
 * port, the path of a SQLite file whose content the repository can choose), but these names make
 * shells, loaders and runtimes read a path as code or settings (LD_PRELOAD, BASH_ENV,
 * NODE_OPTIONS), or are the user's or wt's own: an approved set-up command would run with them.
 */
final class ReservedVariables {

  private static final Set<String> NAMES = Set.of("PATH", "HOME", "SHELL", "ENV", "BASH_ENV", "ZDOTDIR", "IFS", "PS4",
      "PROMPT_COMMAND", "CDPATH", "TMPDIR", "USER", "LOGNAME", "NODE_OPTIONS", "NODE_PATH", "NODE_EXTRA_CA_CERTS",
      "PYTHONPATH", "PYTHONHOME", "PYTHONSTARTUP", "PYTHONUSERBASE", "PERL5LIB", "PERL5OPT", "PERLLIB", "RUBYOPT",
      "RUBYLIB", "GEM_HOME", "GEM_PATH", "BUNDLE_GEMFILE", "JAVA_TOOL_OPTIONS", "_JAVA_OPTIONS", "JDK_JAVA_OPTIONS",
      "CLASSPATH", "MAVEN_OPTS", "GRADLE_OPTS", "PGPASSFILE", "PGSERVICEFILE", "PGSYSCONFDIR", "EDITOR", "VISUAL",
      "PAGER", "SSH_AUTH_SOCK", "SSL_CERT_FILE", "SSL_CERT_DIR", "CURL_CA_BUNDLE", "REQUESTS_CA_BUNDLE");
  private static final List<String> PREFIXES = List.of("LD_", "DYLD_", "GIT_", "XDG_", "WT_", "NPM_CONFIG_",
      "npm_config_");

  private ReservedVariables() {}

  static boolean reserved(String name) {
    return NAMES.contains(name) || PREFIXES.stream().anyMatch(name::startsWith);
  }
}
