// rasterd inspect: print a bundle's header, directory and chunk layout.
#ifndef RASTERD_INSPECT_H
#define RASTERD_INSPECT_H

// The `rasterd inspect` command; returns an exit code.
int inspect_main(int argc, char **argv);

#endif
