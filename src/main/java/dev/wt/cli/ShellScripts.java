package dev.wt.cli;

/** The text of the shell functions {@code wt shell init} prints. */
final class ShellScripts {

  private ShellScripts() {}

  /** bash and zsh (zsh runs the bash completion through bashcompinit, which picocli's script loads). */
  static final String POSIX = """

      # wt shell integration: wt up / wt switch change this shell's folder
      wt() {
        local __wt_cd __wt_rc __wt_to
        __wt_cd="$(mktemp "${TMPDIR:-/tmp}/wt-cd.XXXXXX")" || return 1
        WT_SHELL_CD_FILE="$__wt_cd" WT_SHELL_PREVIOUS="${__wt_previous:-}" command wt "$@"
        __wt_rc=$?
        __wt_to="$(cat -- "$__wt_cd" 2>/dev/null)"
        rm -f -- "$__wt_cd"
        if [ -n "$__wt_to" ] && [ -d "$__wt_to" ] && [ "$__wt_to" != "$PWD" ]; then
          __wt_previous="$PWD"
          cd -- "$__wt_to" || return 1
        fi
        return $__wt_rc
      }

      # branch names for up, switch and down; everything else from the generated completion
      _wt_branches() {
        git for-each-ref --format='%(refname:short)' refs/heads 2>/dev/null
        git worktree list --porcelain 2>/dev/null | sed -n 's|^branch refs/heads/||p'
      }
      _wt_shell_complete() {
        if [ "$COMP_CWORD" -eq 2 ]; then
          case "${COMP_WORDS[1]}" in
            up|switch|down)
              local __wt_cur="${COMP_WORDS[COMP_CWORD]}" __wt_b
              COMPREPLY=()
              # filtered here: zsh's compgen emulation does not filter -W words by the prefix
              for __wt_b in $(_wt_branches | sort -u); do
                case "$__wt_b" in "$__wt_cur"*) COMPREPLY+=("$__wt_b") ;; esac
              done
              return 0 ;;
          esac
        fi
        _complete_wt "$@"
      }
      complete -F _wt_shell_complete -o default wt
      """;

  static final String FISH = """

      # wt shell integration: wt up / wt switch change this shell's folder
      function wt --description 'wt, changing folder after up and switch'
          set -l __wt_tmp /tmp
          set -q TMPDIR; and set __wt_tmp $TMPDIR
          set -l __wt_cd (mktemp "$__wt_tmp/wt-cd.XXXXXX"); or return 1
          set -l __wt_prev ''
          set -q __wt_previous; and set __wt_prev $__wt_previous
          WT_SHELL_CD_FILE=$__wt_cd WT_SHELL_PREVIOUS=$__wt_prev command wt $argv
          set -l __wt_rc $status
          set -l __wt_to (cat -- $__wt_cd 2>/dev/null)
          rm -f -- $__wt_cd
          if test -n "$__wt_to"; and test -d "$__wt_to"; and test "$__wt_to" != "$PWD"
              set -g __wt_previous $PWD
              cd -- $__wt_to; or return 1
          end
          return $__wt_rc
      end

      function __wt_branches
          git for-each-ref --format='%(refname:short)' refs/heads 2>/dev/null
          git worktree list --porcelain 2>/dev/null | string replace -rf '^branch refs/heads/' ''
      end
      complete -c wt -n '__fish_seen_subcommand_from up switch down' -f -a '(__wt_branches | sort -u)'
      """;
}
