#pragma once

namespace Poplar {

// A core dump of Poplar would hold what was in its memory: passwords on
// their way to the server, mail. Each program calls disableUnlessAllowed()
// first thing in main(): the process becomes non-dumpable (no core file,
// and no other process of the same user can attach to it or read its
// memory). A developer who needs core files sets POPLAR_ALLOW_CORE_DUMPS=1.
class CoreDumps
{
public:
    static constexpr const char *AllowVariable = "POPLAR_ALLOW_CORE_DUMPS";

    // False when the variable allowed dumps (or the system refused).
    static bool disableUnlessAllowed();

    CoreDumps() = delete;
};

}  // namespace Poplar
