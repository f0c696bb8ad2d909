#pragma once

#include <QtGlobal>

namespace PoplarTest {

// How many times a crash test kills and checks: POPLAR_CRASH_ROUNDS when
// set, else `normal` — half of it under AddressSanitizer, where each kill,
// restart and check costs several times as much (a slow test runs fewer
// rounds there, not for ever).
inline int crashRounds(int normal)
{
    const int fromEnv = qEnvironmentVariableIntValue("POPLAR_CRASH_ROUNDS");
    if (fromEnv > 0)
        return fromEnv;
#if defined(__SANITIZE_ADDRESS__)
    return (normal + 1) / 2;
#else
    return normal;
#endif
}

}  // namespace PoplarTest
