#ifndef PROOFMINT_CLMDB_SHIM_H
#define PROOFMINT_CLMDB_SHIM_H
#include <lmdb.h>
#endif
