#ifndef SLUICE_CCRC32C_H
#define SLUICE_CCRC32C_H

#include <stddef.h>
#include <stdint.h>

/// Whether this processor has the CRC-32C instruction (SSE 4.2 on x86-64, CRC on ARMv8).
int sluice_crc32c_hardware_available(void);

/// Continues a CRC-32C over `count` bytes with the processor instruction. `crc` is the running
/// value before the final inversion (start with 0xFFFFFFFF, invert at the end).
uint32_t sluice_crc32c_hardware_update(uint32_t crc, const void *bytes, size_t count);

#endif
