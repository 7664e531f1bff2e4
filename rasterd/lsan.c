// LeakSanitizer suppressions built into rasterd (sanitized builds only; the
// hook is a weak symbol the sanitizer runtime calls at start-up).
//
// libconfig 1.5 leaks the string it is collecting when a string literal is
// followed directly by a syntax error (`x = "a"b"c";`: 64 bytes from its
// strbuf_append). That is libconfig's own leak on a path rasterd cannot
// avoid (the error comes from config_read_string), and it turned a manifest
// syntax error (exit 78) into a LeakSanitizer report (exit 23, or 134 with
// abort_on_error). Only that allocation site is suppressed.
#if defined(__SANITIZE_ADDRESS__)
#define RASTERD_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define RASTERD_LSAN 1
#endif
#endif

#ifdef RASTERD_LSAN
const char *__lsan_default_suppressions(void);

const char *__lsan_default_suppressions(void)
{
    return "leak:strbuf_append\n";
}
#else
typedef int rasterd_lsan_unused; // ISO C wants a translation unit to declare something
#endif
