#ifndef PROOFMINT_CSODIUM_SHIM_H
#define PROOFMINT_CSODIUM_SHIM_H
#include <sodium.h>
#endif
