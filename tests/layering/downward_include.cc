// A higher stage (model) including a lower one (text): allowed.
#include "scanner/text/normalize.h"
#include "scanner/obligations/derive.h"
