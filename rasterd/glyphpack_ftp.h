// glyphpack font-to-py: micropython-font-to-py's command, arguments and
// output files (docs/font-to-py.md).
#ifndef RASTERD_GLYPHPACK_FTP_H
#define RASTERD_GLYPHPACK_FTP_H

// The subcommand's name as the first argument of glyphpack.
#define GLYPHPACK_FTP_COMMAND "font-to-py"

// Runs `glyphpack font-to-py ...`; argv[0] is the subcommand's name.
// Returns a sysexits-style exit code: 0, 64 usage, 65 bad input data,
// 66 missing input, 70 internal error, 73 cannot create output.
int glyphpack_ftp_main(int argc, char **argv);

// For `glyphpack -f py` (unless `quiet`): a hint on stderr that font-to-py
// writes font_to_py's own module, and with `vertical` (--layout pages) that
// font_to_py's Writer refuses vertical modules.
void glyphpack_ftp_hint(int vertical, int quiet);

#endif
