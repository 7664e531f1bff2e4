// glyphpack's image command: `glyphpack IMAGE.png -p FORMAT [options]`.
#ifndef RASTERD_GLYPHPACK_IMAGE_H
#define RASTERD_GLYPHPACK_IMAGE_H

#include <getopt.h>

// The command's options (getopt_long tables), also for glyphpack's main to
// tell option values from input files when it picks the command.
extern const char glyphpack_image_shortopts[];
extern const struct option glyphpack_image_longopts[];

// Runs the image command with the whole command line (argv[0] included).
// Returns an exit code (exitcodes.h).
int glyphpack_image_main(int argc, char **argv);

#endif
