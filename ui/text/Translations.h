#pragma once

#include <QLocale>

class QCoreApplication;

namespace Poplar::Ui {

// Installs Poplar's translation for `locale` (from the :/i18n resources) and
// Qt's own (qtbase_*.qm from the Qt installation). Returns whether Poplar's
// own translation was found; English needs none.
bool installTranslations(QCoreApplication &app, const QLocale &locale = QLocale());

}  // namespace Poplar::Ui
