#include "common/CoreDumps.h"

#include <cstdlib>
#include <cstring>
#include <sys/prctl.h>

namespace Poplar {

bool CoreDumps::disableUnlessAllowed()
{
    // Before QCoreApplication: plain getenv.
    const char *allow = std::getenv(AllowVariable);
    if (allow && std::strcmp(allow, "1") == 0)
        return false;
    return ::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) == 0;
}

}  // namespace Poplar
