#ifndef PROOFMINT_CXXHASH_SHIM_H
#define PROOFMINT_CXXHASH_SHIM_H
#include <xxhash.h>
/* XXH3's output is fixed from xxHash 0.8.0 on: an older library would make every stored checksum look wrong. */
#if XXH_VERSION_NUMBER < 800
#error "Proofmint needs xxHash 0.8.0 or later (Debian's libxxhash-dev)"
#endif
#endif
