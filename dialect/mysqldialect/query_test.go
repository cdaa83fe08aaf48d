package mysqldialect

import "testing"

func TestMariaDBAtLeast(t *testing.T) {
	for v, want := range map[string]bool{
		"10.11.6-MariaDB-0+deb12u1": true, "10.5.0-MariaDB": true, "10.4.32-MariaDB": false,
		"11.2.2-MariaDB": true, "8.0.36": false, "5.5.5-10.11.6-MariaDB": false, "garbage": false,
	} {
		if got := mariaDBAtLeast(v, 10, 5); got != want {
			t.Errorf("%q: %v, want %v", v, got, want)
		}
	}
}

// TestVersionID: the server's version in the form of a /*!NNNNN
// executable comment.
func TestVersionID(t *testing.T) {
	for v, want := range map[string]int{
		"10.11.6-MariaDB-0+deb12u1": 101106, "10.11.19-MariaDB": 101119, "8.0.36": 80036,
		"11.4.2-MariaDB-log": 110402, "5.7": 0, "garbage": 0, "8.0.100": 0,
	} {
		if got := versionID(v); got != want {
			t.Errorf("%q: %d, want %d", v, got, want)
		}
	}
}
