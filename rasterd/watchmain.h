// rasterd --watch DIR: build DIR/rasterd.conf at start, then on every save
// of the manifest or a file it references; see docs/user-guide.md.
#ifndef RASTERD_WATCHMAIN_H
#define RASTERD_WATCHMAIN_H

// argv[0] is "--watch" (or "watch"); returns the process exit status.
int watch_main(int argc, char **argv);

#endif
