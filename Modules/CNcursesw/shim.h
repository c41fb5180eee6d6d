// shim.h: everything Swift 6 cannot use from <curses.h> directly, wrapped once, here.
// Only Sources/TCPStepTerminal imports this module. See /work/shared/ncurses-swift.md §1 and §3.
#ifndef TCPSTEP_CNCURSESW_SHIM_H
#define TCPSTEP_CNCURSESW_SHIM_H

// SwiftPM drops the -D flags pkg-config suggests ("prohibited flags"), so the wide-character
// API (cchar_t, setcchar, mvwadd_wch, wget_wch) must be switched on here, before any include.
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif
// Insurance: on ncurses 6.4 the define above is enough, but this names our intent explicitly.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <locale.h>
#include <stdio.h>
#include <wchar.h>
#include <ncursesw/curses.h>

// MARK: Mutable C globals
// Swift 6 rejects direct use of mutable C globals ("not concurrency-safe"). Reading them
// through a function is honest: curses is only touched from the one thread that owns it.

/// The standard screen of the current SCREEN.
static inline WINDOW *cw_stdscr(void) { return stdscr; }
/// Terminal height as curses last saw it.
static inline int cw_lines(void) { return LINES; }
/// Terminal width as curses last saw it.
static inline int cw_cols(void) { return COLS; }
/// Number of colours and colour pairs the terminal supports (valid after start_color).
static inline int cw_colors(void) { return COLORS; }
static inline int cw_color_pairs(void) { return COLOR_PAIRS; }
/// The C standard streams, for newterm(term, stdout, stdin).
static inline FILE *cw_stdin(void) { return stdin; }
static inline FILE *cw_stdout(void) { return stdout; }
static inline FILE *cw_stderr(void) { return stderr; }

// MARK: Attribute and mouse macros
// A_BOLD etc. are built with NCURSES_BITS(...) and the BUTTON* masks with NCURSES_MOUSE_MASK(...):
// function-like macros that Swift cannot import. As `static const` values they import fine.

static const attr_t CW_A_NORMAL = A_NORMAL;
static const attr_t CW_A_BOLD = A_BOLD;
static const attr_t CW_A_DIM = A_DIM;
static const attr_t CW_A_REVERSE = A_REVERSE;
static const attr_t CW_A_UNDERLINE = A_UNDERLINE;

static const mmask_t CW_BUTTON1_PRESSED = BUTTON1_PRESSED;
static const mmask_t CW_BUTTON1_CLICKED = BUTTON1_CLICKED;
static const mmask_t CW_BUTTON1_RELEASED = BUTTON1_RELEASED;

// MARK: Function-like macros

/// KEY_F(n) is a function-like macro; Swift sees only KEY_F0.
static inline int cw_key_f(int n) { return KEY_F(n); }

// MARK: Declarations hidden by Swift's Glibc module
// glibc declares wcwidth only under __USE_XOPEN, which the Glibc module map does not set, so
// Swift reports "cannot find 'wcwidth' in scope". The symbol is in libc; re-declare it.
// (The cell grid measures widths itself in pure Swift; this is libc's opinion, for checks.)
extern int wcwidth(wchar_t wc);

// MARK: Helpers

/// Fills `cell` with one wide character (a two-element array ending in NUL, as setcchar wants),
/// the attributes and the colour pair. Drawing cell by cell with mvwadd_wch then needs one call.
static inline int cw_setcchar1(cchar_t *cell, wchar_t ch, attr_t attrs, short pair) {
    wchar_t text[2] = { ch, L'\0' };
    return setcchar(cell, text, attrs, pair, NULL);
}

/// tiparm is variadic, which Swift cannot call. One integer parameter is all we need
/// (to expand the XM mouse-mode capability with "off" for the crash guard).
static inline char *cw_tiparm1(const char *capability, int p1) {
    return tiparm(capability, p1);
}

/// tigetstr returns (char *)-1 for "not a string capability" and NULL for "absent".
/// Folding both into NULL spares Swift a pointer comparison against -1.
static inline const char *cw_tigetstr(const char *name) {
    char *value = tigetstr(name);
    if (value == (char *)-1) return NULL;
    return value;
}

#endif
