#include "net/Transport.h"
