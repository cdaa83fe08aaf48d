package dialect

// DependenciesFirst returns the indexes 0…n-1 in an order where each comes
// after those deps says it depends on, and otherwise in their own order; a
// cycle is broken where it is found. Inspect uses it for the objects a
// database checks when they are made (a view on a view, a SQL function
// calling another).
func DependenciesFirst(n int, deps func(i int) []int) []int {
	out := make([]int, 0, n)
	state := make([]int8, n) // 0 new, 1 on the path, 2 placed
	var visit func(i int)
	visit = func(i int) {
		if state[i] != 0 {
			return
		}
		state[i] = 1
		for _, j := range deps(i) {
			if j != i {
				visit(j)
			}
		}
		state[i] = 2
		out = append(out, i)
	}
	for i := range n {
		visit(i)
	}
	return out
}
