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
