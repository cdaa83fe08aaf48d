package model

import (
	"math"
	"math/big"
	"strconv"
)

// decimalText is a DECIMAL with scale digits after the point that a
// database handed back as a double (SQLite, which keeps a DECIMAL written
// as text with a fraction as a REAL): the number rounded to the 15
// significant digits a double keeps exactly, then written with the
// column's scale. strata writes at most 15 significant digits there
// (Capacity.DecimalDigits), so this is the text it wrote: 99999999999999.9
// reads back as 99999999999999.9, not as the double's
// 99999999999999.90625.
func decimalText(x float64, scale int) string {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		return strconv.FormatFloat(x, 'g', -1, 64)
	}
	var r big.Rat
	r.SetString(strconv.FormatFloat(x, 'e', 14, 64)) // 15 significant digits, exactly
	return r.FloatString(scale)
}
