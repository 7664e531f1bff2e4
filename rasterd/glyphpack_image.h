// glyphpack's image command: `glyphpack IMAGE.png -p FORMAT [options]`.
#ifndef RASTERD_GLYPHPACK_IMAGE_H
#define RASTERD_GLYPHPACK_IMAGE_H

// 1 when some non-option argument names a readable file that starts with
// the PNG signature, or ends in ".png" (any case), so glyphpack should run
// the image command.
int glyphpack_image_wanted(int argc, char **argv);

// Runs the image command with the whole command line (argv[0] included).
// Returns a sysexits-style exit code: 0, 64 usage, 65 bad input data,
// 66 missing input, 70 internal error, 73 cannot create output.
int glyphpack_image_main(int argc, char **argv);

#endif
