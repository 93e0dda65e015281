// A lower stage (text) that includes a header of a higher one (scan): the
// build must refuse it. Compiled by tests/layering/check.cmake, never linked.
#include "scanner/scan/scan.h"
