#pragma once

namespace fwmock {

// The value of a hexadecimal digit of a %XX escape, or -1 when `c` is not one.
int HexValue(char c);

}  // namespace fwmock
