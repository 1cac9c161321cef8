#ifndef PROOFMINT_CXXHASH_SHIM_H
#define PROOFMINT_CXXHASH_SHIM_H
#include <xxhash.h>
#endif
