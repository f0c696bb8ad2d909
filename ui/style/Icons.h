#pragma once

#include <QIcon>

namespace Poplar::Ui::Icons {

// The icon theme's icon when it has one, else a small drawn one, so the
// marks show on every desktop.
[[nodiscard]] QIcon flagged();
[[nodiscard]] QIcon attachment();
[[nodiscard]] QIcon partial();
[[nodiscard]] QIcon inbox();
[[nodiscard]] QIcon unifiedInbox();
[[nodiscard]] QIcon folder();
[[nodiscard]] QIcon trash();

}  // namespace Poplar::Ui::Icons
