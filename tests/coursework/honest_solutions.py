"""Honest alternative solutions: at least ten per assignment, in different styles.

Each alternative replaces some answer cells (``grade_id -> code``); the others keep the
reference solution. They are what students who follow the notebook's rules might write: loops,
``np.where``, ``np.piecewise``, boolean masks, helper functions, classes, recursion,
``functools.reduce``, ``math``, ``match``. The static check must flag none of them, and each
must get full marks (``test_honest_solutions.py``).
"""

# ---------------------------------------------------------------------------- 01
A01 = {
    "loops_everywhere": {
        "forward_linear": """
def forward_linear(X, weights, biases):
    A = np.array(X, dtype=float)
    for i in range(len(weights)):
        A = np.dot(A, weights[i]) + biases[i]
    return A
""",
        "collapse": """
def collapse(weights, biases):
    W = np.array(weights[0], dtype=float)
    b = np.array(biases[0], dtype=float)
    for i in range(1, len(weights)):
        b = np.dot(b, weights[i]) + biases[i]
        W = np.dot(W, weights[i])
    return W, b
""",
        "is_affine": """
def is_affine(f, dim, trials=20, seed=0):
    rng = np.random.default_rng(seed)
    ok = True
    for _ in range(trials):
        x = rng.standard_normal((1, dim))
        y = rng.standard_normal((1, dim))
        t = rng.uniform(-1.0, 2.0)
        left = f(t * x + (1 - t) * y)
        right = t * f(x) + (1 - t) * f(y)
        if not np.allclose(left, right, rtol=1e-9, atol=1e-9):
            ok = False
            break
    return ok
""",
    },
    "functools_reduce": {
        "forward_linear": """
from functools import reduce


def forward_linear(X, weights, biases):
    layers = list(zip(weights, biases))
    return reduce(lambda A, layer: A @ layer[0] + layer[1], layers, np.asarray(X, dtype=float))
""",
        "collapse": """
from functools import reduce


def _compose(first, second):
    (W1, b1), (W2, b2) = first, second
    return W1 @ W2, b1 @ W2 + b2


def collapse(weights, biases):
    pairs = [(np.asarray(W, float), np.asarray(b, float)) for W, b in zip(weights, biases)]
    return reduce(_compose, pairs)
""",
    },
    "recursion": {
        "forward_linear": """
def forward_linear(X, weights, biases):
    if not weights:
        return np.asarray(X, dtype=float)
    first = np.asarray(X, dtype=float) @ weights[0] + biases[0]
    return forward_linear(first, weights[1:], biases[1:])
""",
        "collapse": """
def collapse(weights, biases):
    if len(weights) == 1:
        return np.asarray(weights[0], float), np.asarray(biases[0], float)
    W_rest, b_rest = collapse(weights[1:], biases[1:])
    return weights[0] @ W_rest, biases[0] @ W_rest + b_rest
""",
    },
    "probe_with_identity": {
        "collapse": """
def collapse(weights, biases):
    # an affine map is known once you know where it sends 0 and the unit vectors
    n = np.shape(weights[0])[0]
    b = forward_linear(np.zeros((1, n)), weights, biases)[0]
    W = forward_linear(np.eye(n), weights, biases) - b
    return W, b
""",
    },
    "homogeneous_coordinates": {
        "collapse": """
def _augmented(W, b):
    W, b = np.asarray(W, float), np.asarray(b, float)
    top = np.hstack([W, np.zeros((W.shape[0], 1))])
    bottom = np.append(b, 1.0)[None, :]
    return np.vstack([top, bottom])


def collapse(weights, biases):
    M = np.eye(np.shape(weights[0])[0] + 1)
    for W, b in zip(weights, biases):
        M = M @ _augmented(W, b)
    return M[:-1, :-1], M[-1, :-1]
""",
    },
    "einsum_and_all": {
        "forward_linear": """
def forward_linear(X, weights, biases):
    A = np.asarray(X, dtype=np.float64)
    for W, b in zip(weights, biases):
        A = np.einsum("ij,jk->ik", A, W) + b
    return A
""",
        "is_affine": """
def is_affine(f, dim, trials=20, seed=0):
    rng = np.random.default_rng(seed)

    def preserves(x, y, t):
        return np.allclose(f(t * x + (1 - t) * y), t * f(x) + (1 - t) * f(y), rtol=1e-9, atol=1e-9)

    draws = [
        (rng.standard_normal((1, dim)), rng.standard_normal((1, dim)), rng.uniform(-1, 2))
        for _ in range(trials)
    ]
    return all(preserves(x, y, t) for x, y, t in draws)
""",
    },
    "class_based": {
        "forward_linear": """
class AffineStack:
    def __init__(self, weights, biases):
        self.layers = list(zip(weights, biases))

    def __call__(self, X):
        A = np.asarray(X, dtype=float)
        for W, b in self.layers:
            A = A @ W + b
        return A


def forward_linear(X, weights, biases):
    return AffineStack(weights, biases)(X)
""",
        "xor_weights": """
# one unit fires when x1 > x2, the other when x2 > x1; XOR is their sum
W1 = np.array([[1.0, -1.0], [-1.0, 1.0]])
b1 = np.zeros(2)
w2 = np.ones(2)
b2 = 0.0


def xor_network(X):
    \"\"\"A 2-2-1 ReLU network: relu(X @ W1 + b1) @ w2 + b2, one output per row of X.\"\"\"
    hidden = np.maximum(np.asarray(X, dtype=np.float64) @ W1 + b1, 0.0)
    return hidden @ w2 + b2
""",
    },
    "while_loops": {
        "forward_linear": """
def forward_linear(X, weights, biases):
    A = np.asarray(X, dtype=float)
    i = 0
    while i < len(weights):
        A = A @ weights[i] + biases[i]
        i += 1
    return A
""",
        "is_affine": """
def is_affine(f, dim, trials=20, seed=0):
    rng = np.random.default_rng(seed)
    n = 0
    while n < trials:
        x, y = rng.standard_normal((1, dim)), rng.standard_normal((1, dim))
        t = rng.uniform(-1.0, 2.0)
        gap = np.abs(f(t * x + (1 - t) * y) - (t * f(x) + (1 - t) * f(y)))
        scale = np.abs(t * f(x) + (1 - t) * f(y))
        if np.any(gap > 1e-9 + 1e-9 * scale):
            return False
        n += 1
    return True
""",
    },
    "lists_and_scaled_xor": {
        "xor_weights": """
W1 = [[2.0, 2.0], [2.0, 2.0]]
b1 = [0.0, -2.0]
w2 = [0.5, -1.0]
b2 = 0


def xor_network(X):
    \"\"\"A 2-2-1 ReLU network: relu(X @ W1 + b1) @ w2 + b2, one output per row of X.\"\"\"
    hidden = np.maximum(np.asarray(X, dtype=np.float64) @ W1 + b1, 0.0)
    return hidden @ w2 + b2
""",
        "forward_linear": """
def forward_linear(X, weights, biases):
    outputs = [np.asarray(X, dtype=float)]
    for W, b in zip(weights, biases):
        outputs.append(outputs[-1] @ W + b)
    return outputs[-1]
""",
    },
    "helpers_and_checks": {
        "is_affine": """
def _mix(t, a, b):
    return t * a + (1.0 - t) * b


def is_affine(f, dim, trials=20, seed=0):
    rng = np.random.default_rng(seed)
    results = []
    for _ in range(trials):
        x = rng.standard_normal((1, dim))
        y = rng.standard_normal((1, dim))
        t = rng.uniform(-1.0, 2.0)
        close = np.isclose(f(_mix(t, x, y)), _mix(t, f(x), f(y)), rtol=1e-9, atol=1e-9)
        results.append(close.all())
    return bool(np.all(results))
""",
        "collapse": """
def _one_more_layer(W, b, W_next, b_next):
    return W @ W_next, b @ W_next + b_next


def collapse(weights, biases):
    W, b = np.asarray(weights[0], float), np.asarray(biases[0], float)
    for W_next, b_next in zip(weights[1:], biases[1:]):
        W, b = _one_more_layer(W, b, W_next, b_next)
    return W, b
""",
    },
}

# ---------------------------------------------------------------------------- 02
A02 = {
    "loops_with_math": {
        "sigmoid": """
import math


def _sigmoid_scalar(x):
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.array([_sigmoid_scalar(x) for x in z.ravel()]).reshape(z.shape)
""",
        "sigmoid_derivative": """
import math


def sigmoid_derivative(z):
    z = np.asarray(z, dtype=float)
    values = []
    for x in z.ravel():
        e = math.exp(-abs(x))
        values.append(e / (1.0 + e) ** 2)
    return np.array(values).reshape(z.shape)
""",
        "chain_gradient": """
def chain_gradient(z0, depth):
    a = np.asarray(z0, dtype=float)
    gradient = np.ones_like(a)
    step = 0
    while step < depth:
        gradient = gradient * sigmoid_derivative(a)
        a = sigmoid(a)
        step += 1
    return gradient
""",
    },
    "where_with_clip": {
        "sigmoid": """
def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    e_neg = np.exp(np.clip(z, None, 0.0))  # e^z for z < 0, never above 1
    e_pos = np.exp(-np.clip(z, 0.0, None))  # e^-z for z >= 0, never above 1
    return np.where(z >= 0, 1.0 / (1.0 + e_pos), e_neg / (1.0 + e_neg))
""",
        "sigmoid_derivative": """
def sigmoid_derivative(z):
    z = np.abs(np.asarray(z, dtype=np.float64))
    e = np.exp(-z)
    return e / ((1.0 + e) * (1.0 + e))
""",
    },
    "piecewise": {
        "sigmoid": """
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    return np.piecewise(
        z,
        [z >= 0, z < 0],
        [lambda t: 1.0 / (1.0 + np.exp(-t)), lambda t: np.exp(t) / (1.0 + np.exp(t))],
    )
""",
        "sigmoid_derivative": """
def sigmoid_derivative(z):
    z = np.asarray(z, dtype=float)
    return np.piecewise(
        z,
        [z >= 0, z < 0],
        [
            lambda t: np.exp(-t) / (1.0 + np.exp(-t)) ** 2,
            lambda t: np.exp(t) / (1.0 + np.exp(t)) ** 2,
        ],
    )
""",
    },
    "boolean_masks": {
        "sigmoid": """
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    positive = z >= 0
    out[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = e / (1.0 + e)
    return out
""",
        "central_difference": """
def central_difference(f, z, h=1e-5):
    z = np.asarray(z, dtype=float)
    forward, backward = f(z + h), f(z - h)
    return (forward - backward) / (2 * h)
""",
    },
    "logaddexp": {
        "sigmoid": """
def sigmoid(z):
    # log(1 + e^-z) computed without overflow, then one exponential of a number <= 0
    return np.exp(-np.logaddexp(0.0, -np.asarray(z, dtype=float)))
""",
        "sigmoid_derivative": """
def sigmoid_derivative(z):
    z = np.asarray(z, dtype=float)
    # sigma(z) * sigma(-z), both as exponentials of numbers <= 0
    return np.exp(-np.logaddexp(0.0, -z) - np.logaddexp(0.0, z))
""",
    },
    "classes": {
        "sigmoid": """
class Sigmoid:
    \"\"\"The logistic function, computed from e^-|z| so that it cannot overflow.\"\"\"

    def __call__(self, z):
        z = np.asarray(z, dtype=float)
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0, e) / (1.0 + e)

    def derivative(self, z):
        e = np.exp(-np.abs(np.asarray(z, dtype=float)))
        return e / (1.0 + e) ** 2


logistic = Sigmoid()
sigmoid = logistic
""",
        "sigmoid_derivative": """
sigmoid_derivative = logistic.derivative
""",
    },
    "helper_function": {
        "sigmoid": """
def _exp_minus_abs(z):
    \"\"\"e^(-|z|), in (0, 1] for every z.\"\"\"
    return np.exp(-np.abs(z))


def sigmoid(z):
    z = np.asarray(z, dtype=np.float64)
    e = _exp_minus_abs(z)
    return np.where(z >= 0, 1 / (1 + e), e / (1 + e))
""",
        "sigmoid_derivative": """
def sigmoid_derivative(z):
    e = _exp_minus_abs(np.asarray(z, dtype=np.float64))
    s = 1 / (1 + e)  # sigma(|z|): near 1
    return s * e * s  # e / (1 + e)^2, even in z
""",
    },
    "vectorize": {
        "sigmoid": """
import math


@np.vectorize
def _sigmoid(x):
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


def sigmoid(z):
    return _sigmoid(np.asarray(z, dtype=float)).astype(float)
""",
        "chain_gradient": """
def chain_gradient(z0, depth):
    if depth == 0:
        return np.ones_like(np.asarray(z0, dtype=float))
    inner = sigmoid_derivative(z0)
    return inner * chain_gradient(sigmoid(z0), depth - 1)
""",
    },
    "reduce_and_lists": {
        "chain_gradient": """
from functools import reduce


def chain_gradient(z0, depth):
    points = [np.asarray(z0, dtype=float)]
    for _ in range(depth):
        points.append(sigmoid(points[-1]))
    slopes = [sigmoid_derivative(a) for a in points[:-1]]
    return reduce(lambda g, s: g * s, slopes, np.ones_like(points[0]))
""",
        "central_difference": """
def central_difference(f, z, h=1e-5):
    step = 2.0 * h
    return (f(np.add(z, h)) - f(np.subtract(z, h))) / step
""",
    },
    "select_and_elementwise_difference": {
        "sigmoid": """
def sigmoid(z):
    z = np.asarray(z, dtype=float)
    small = np.exp(-np.abs(z))
    return np.select([z >= 0], [1.0 / (1.0 + small)], default=small / (1.0 + small))
""",
        "central_difference": """
def central_difference(f, z, h=1e-5):
    z = np.asarray(z, dtype=float)
    out = np.empty(z.shape)
    for index in np.ndindex(z.shape):
        out[index] = (f(z[index] + h) - f(z[index] - h)) / (2 * h)
    return out
""",
    },
}

# ---------------------------------------------------------------------------- 03
A03 = {
    "loops_with_math": {
        "tanh": """
import math


def tanh(z):
    z = np.asarray(z, dtype=float)
    values = []
    for x in z.ravel():
        u = math.exp(-2.0 * abs(x))
        values.append(math.copysign((1.0 - u) / (1.0 + u), x) if x != 0 else 0.0)
    return np.array(values).reshape(z.shape)
""",
        "tanh_derivative": """
def tanh_derivative(z):
    t = tanh(z)
    return (1.0 - t) * (1.0 + t)
""",
    },
    "where_with_expm1": {
        "tanh": """
def tanh(z):
    z = np.asarray(z, dtype=float)
    m = -np.expm1(-2.0 * np.abs(z))  # 1 - e^(-2|z|), accurate near 0
    p = 1.0 + np.exp(-2.0 * np.abs(z))
    return np.where(z < 0, -m / p, m / p)
""",
    },
    "through_the_sigmoid": {
        "tanh": """
def _sigmoid(z):
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def tanh(z):
    z = np.asarray(z, dtype=float)
    # tanh(z) = 2 sigma(2z) - 1 = sigma(2z) - sigma(-2z)
    return _sigmoid(2.0 * z) - _sigmoid(-2.0 * z)
""",
    },
    "piecewise": {
        "tanh": """
def tanh(z):
    z = np.asarray(z, dtype=float)
    return np.piecewise(
        z,
        [z > 0, z < 0],
        [
            lambda t: -np.expm1(-2 * t) / (1 + np.exp(-2 * t)),
            lambda t: np.expm1(2 * t) / (1 + np.exp(2 * t)),
            0.0,
        ],
    )
""",
        "tanh_derivative": """
def tanh_derivative(z):
    u = np.exp(-2.0 * np.abs(np.asarray(z, dtype=float)))
    return 4.0 * u / (1.0 + u) ** 2  # sech^2, from e^(-2|z|)
""",
    },
    "recursion_backprop": {
        "backprop_norms": """
def backprop_norms(X, weights, g, g_prime, upstream):
    def layers(A, remaining):
        # returns (dL/dA of the input of these layers, norms of their deltas)
        if not remaining:
            return upstream, []
        Z = A @ remaining[0]
        dA, norms = layers(g(Z), remaining[1:])
        delta = dA * g_prime(Z)
        return delta @ remaining[0].T, [np.linalg.norm(delta)] + norms

    return np.array(layers(np.asarray(X, dtype=float), list(weights))[1])
""",
    },
    "lists_reversed": {
        "backprop_norms": """
def backprop_norms(X, weights, g, g_prime, upstream):
    Zs = []
    A = np.asarray(X, dtype=float)
    for W in weights:
        Zs.append(A @ W)
        A = g(Zs[-1])
    norms = []
    grad_A = np.asarray(upstream, dtype=float)
    for W, Z in zip(reversed(weights), reversed(Zs)):
        delta = grad_A * g_prime(Z)
        norms.insert(0, np.sqrt(np.sum(delta**2)))
        grad_A = delta @ W.T
    return np.array(norms)
""",
    },
    "classes": {
        "tanh": """
class Tanh:
    @staticmethod
    def value(z):
        z = np.asarray(z, dtype=float)
        u = np.exp(-2.0 * np.abs(z))
        return np.sign(z) * -np.expm1(-2.0 * np.abs(z)) / (1.0 + u)

    @classmethod
    def slope(cls, z):
        t = cls.value(z)
        return 1.0 - t * t


tanh = Tanh.value
""",
        "tanh_derivative": """
tanh_derivative = Tanh.slope
""",
        "backprop_norms": """
class Stack:
    def __init__(self, weights, g, g_prime):
        self.weights, self.g, self.g_prime = weights, g, g_prime

    def forward(self, X):
        self.Zs, A = [], np.asarray(X, dtype=float)
        for W in self.weights:
            self.Zs.append(A @ W)
            A = self.g(self.Zs[-1])
        return A

    def delta_norms(self, upstream):
        delta = np.asarray(upstream, dtype=float) * self.g_prime(self.Zs[-1])
        norms = [np.linalg.norm(delta)]
        for k in range(len(self.weights) - 1, 0, -1):
            delta = (delta @ self.weights[k].T) * self.g_prime(self.Zs[k - 1])
            norms.append(np.linalg.norm(delta))
        return np.array(norms[::-1])


def backprop_norms(X, weights, g, g_prime, upstream):
    stack = Stack(weights, g, g_prime)
    stack.forward(X)
    return stack.delta_norms(upstream)
""",
    },
    "masks": {
        "tanh": """
def tanh(z):
    z = np.asarray(z, dtype=float)
    out = np.zeros(z.shape)
    pos, neg = z > 0, z < 0
    u = np.exp(-2.0 * z[pos])
    out[pos] = (1.0 - u) / (1.0 + u)
    v = np.exp(2.0 * z[neg])
    out[neg] = (v - 1.0) / (v + 1.0)
    return out
""",
        "tanh_derivative": """
def tanh_derivative(z):
    return 1.0 - tanh(z) ** 2
""",
    },
    "helpers": {
        "tanh": """
def _u(z):
    \"\"\"e^(-2|z|), in (0, 1].\"\"\"
    return np.exp(-2.0 * np.abs(z))


def tanh(z):
    z = np.asarray(z, dtype=float)
    return np.sign(z) * (1.0 - _u(z)) / (1.0 + _u(z))
""",
        "backprop_norms": """
def _forward(X, weights, g):
    Zs, A = [], X
    for W in weights:
        Z = A @ W
        Zs.append(Z)
        A = g(Z)
    return Zs


def backprop_norms(X, weights, g, g_prime, upstream):
    Zs = _forward(np.asarray(X, dtype=float), weights, g)
    deltas = [upstream * g_prime(Zs[-1])]
    for layer in range(len(weights) - 1, 0, -1):
        deltas.append((deltas[-1] @ weights[layer].T) * g_prime(Zs[layer - 1]))
    return np.array([np.linalg.norm(d) for d in reversed(deltas)])
""",
    },
    "while_loop": {
        "backprop_norms": """
def backprop_norms(X, weights, g, g_prime, upstream):
    A = np.asarray(X, dtype=float)
    Zs = []
    for W in weights:
        Z = A @ W
        Zs.append(Z)
        A = g(Z)
    layer = len(weights) - 1
    delta = upstream * g_prime(Zs[layer])
    norms = np.zeros(len(weights))
    norms[layer] = np.linalg.norm(delta, "fro")
    while layer > 0:
        delta = delta @ weights[layer].T * g_prime(Zs[layer - 1])
        layer -= 1
        norms[layer] = np.linalg.norm(delta, "fro")
    return norms
""",
        "tanh_derivative": """
def tanh_derivative(z):
    t = tanh(np.asarray(z, dtype=float))
    return np.subtract(1.0, np.multiply(t, t))
""",
    },
}

# ---------------------------------------------------------------------------- 04
A04 = {
    "where": {
        "relu": """
def relu(z):
    z = np.asarray(z, dtype=float)
    return np.where(z > 0, z, 0.0)
""",
        "relu_derivative": """
def relu_derivative(z):
    return np.where(np.asarray(z) > 0, 1.0, 0.0)
""",
    },
    "copy_then_mask": {
        "relu": """
def relu(z):
    out = np.array(z, dtype=float)  # a copy: the caller's array is untouched
    out[out < 0] = 0.0
    return out
""",
        "dead_fraction": """
def dead_fraction(Z):
    Z = np.asarray(Z)
    return float(np.count_nonzero(np.max(Z, axis=0) <= 0) / Z.shape[1])
""",
    },
    "loops": {
        "relu": """
def relu(z):
    z = np.asarray(z, dtype=float)
    return np.array([x if x > 0 else 0.0 for x in z.ravel()]).reshape(z.shape)
""",
        "relu_derivative": """
def relu_derivative(z):
    z = np.asarray(z, dtype=float)
    return np.array([1.0 if x > 0 else 0.0 for x in z.ravel()]).reshape(z.shape)
""",
        "dead_fraction": """
def dead_fraction(Z):
    Z = np.asarray(Z)
    dead = 0
    for column in Z.T:
        if all(value <= 0 for value in column):
            dead += 1
    return dead / Z.shape[1]
""",
        "first_dying_rate": """
def first_dying_rate(rates, dead_fraction_at, threshold):
    remaining = list(rates)
    while remaining:
        rate = min(remaining)
        remaining.remove(rate)
        if dead_fraction_at(rate) > threshold:
            return rate
    return None
""",
    },
    "clip_and_heaviside": {
        "relu": """
def relu(z):
    return np.clip(np.asarray(z, dtype=float), 0.0, None)
""",
        "relu_derivative": """
def relu_derivative(z):
    return np.heaviside(np.asarray(z, dtype=float), 0.0)
""",
    },
    "next_generator": {
        "first_dying_rate": """
def first_dying_rate(rates, dead_fraction_at, threshold):
    return next((r for r in sorted(rates) if dead_fraction_at(r) > threshold), None)
""",
        "dead_fraction": """
def dead_fraction(Z):
    alive = (np.asarray(Z) > 0).any(axis=0)
    return float(1.0 - alive.mean())
""",
    },
    "absolute_value": {
        "relu": """
def relu(z):
    z = np.asarray(z, dtype=float)
    return (z + np.abs(z)) / 2.0
""",
        "relu_derivative": """
def relu_derivative(z):
    return np.greater(z, 0).astype(float)
""",
    },
    "recursion": {
        "first_dying_rate": """
def first_dying_rate(rates, dead_fraction_at, threshold):
    ordered = sorted(rates)
    if not ordered:
        return None
    if dead_fraction_at(ordered[0]) > threshold:
        return ordered[0]
    return first_dying_rate(ordered[1:], dead_fraction_at, threshold)
""",
    },
    "classes": {
        "relu": """
class ReLU:
    def __call__(self, z):
        return np.maximum(np.asarray(z, dtype=float), 0.0)

    def derivative(self, z):
        return (np.asarray(z, dtype=float) > 0) * 1.0


_relu = ReLU()
relu = _relu
""",
        "relu_derivative": """
relu_derivative = _relu.derivative
""",
        "dead_fraction": """
class DeadUnitCounter:
    def __init__(self, Z):
        self.Z = np.asarray(Z)

    def fraction(self):
        return float(np.sum(np.all(self.Z <= 0, axis=0))) / self.Z.shape[1]


def dead_fraction(Z):
    return DeadUnitCounter(Z).fraction()
""",
    },
    "sign_and_helpers": {
        "relu_derivative": """
def relu_derivative(z):
    z = np.asarray(z, dtype=float)
    return np.sign(np.maximum(z, 0.0))
""",
        "first_dying_rate": """
def _dies(rate, dead_fraction_at, threshold):
    return dead_fraction_at(rate) > threshold


def first_dying_rate(rates, dead_fraction_at, threshold):
    for rate in sorted(rates):
        if _dies(rate, dead_fraction_at, threshold):
            return rate
""",
    },
    "min_over_rows": {
        "dead_fraction": """
def dead_fraction(Z):
    Z = np.asarray(Z, dtype=float)
    never_positive = Z.max(axis=0) <= 0.0
    return never_positive.sum() / never_positive.size
""",
        "relu": """
def relu(z):
    return np.fmax(np.asarray(z, dtype=float), 0.0)
""",
    },
}

# ---------------------------------------------------------------------------- 05
A05 = {
    "multiply_by_slope": {
        "leaky_relu": """
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return z * np.where(z > 0, 1.0, alpha)
""",
        "leaky_relu_derivative": """
def leaky_relu_derivative(z, alpha=0.01):
    return alpha + (1.0 - alpha) * (np.asarray(z, dtype=float) > 0)
""",
    },
    "decomposition": {
        "leaky_relu": """
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    # alpha z plus the rest of ReLU: the chapter's decomposition
    return alpha * z + (1.0 - alpha) * np.maximum(z, 0.0)
""",
    },
    "loops": {
        "leaky_relu": """
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.array([x if x > 0 else alpha * x for x in z.ravel()]).reshape(z.shape)
""",
        "leaky_relu_derivative": """
def leaky_relu_derivative(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.array([1.0 if x > 0 else float(alpha) for x in z.ravel()]).reshape(z.shape)
""",
        "prelu_alpha_gradient": """
def prelu_alpha_gradient(Z, upstream):
    total = 0.0
    for z, u in zip(np.ravel(Z), np.ravel(upstream)):
        if z < 0:
            total += u * z
    return float(total)
""",
    },
    "piecewise": {
        "leaky_relu": """
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.piecewise(z, [z > 0], [lambda t: t, lambda t: alpha * t])
""",
        "leaky_relu_derivative": """
def leaky_relu_derivative(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.piecewise(z, [z > 0], [1.0, alpha])
""",
    },
    "masks": {
        "leaky_relu": """
def leaky_relu(z, alpha=0.01):
    out = np.array(z, dtype=float)
    negative = out <= 0
    out[negative] = alpha * out[negative]
    return out
""",
        "prelu_alpha_gradient": """
def prelu_alpha_gradient(Z, upstream):
    Z, U = np.asarray(Z), np.asarray(upstream)
    negative = Z < 0
    return float(np.sum(U[negative] * Z[negative]))
""",
    },
    "dot_products": {
        "prelu_alpha_gradient": """
def prelu_alpha_gradient(Z, upstream):
    return float(np.vdot(np.asarray(upstream), np.minimum(Z, 0.0)))
""",
    },
    "einsum": {
        "prelu_alpha_gradient": """
def prelu_alpha_gradient(Z, upstream):
    negative_part = np.where(np.asarray(Z) < 0, Z, 0.0)
    return float(np.einsum("ij,ij->", np.asarray(upstream, dtype=float), negative_part))
""",
    },
    "classes": {
        "leaky_relu": """
class Leaky:
    def __init__(self, alpha):
        self.alpha = alpha

    def __call__(self, z):
        z = np.asarray(z, dtype=float)
        return np.where(z > 0, z, self.alpha * z)

    def slope(self, z):
        return np.where(np.asarray(z, dtype=float) > 0, 1.0, self.alpha)


def leaky_relu(z, alpha=0.01):
    return Leaky(alpha)(z)
""",
        "leaky_relu_derivative": """
def leaky_relu_derivative(z, alpha=0.01):
    return Leaky(alpha).slope(z)
""",
    },
    "select": {
        "leaky_relu_derivative": """
def leaky_relu_derivative(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.select([z > 0], [1.0], default=alpha).astype(float)
""",
        "leaky_relu": """
def leaky_relu(z, alpha=0.01):
    z = np.asarray(z, dtype=float)
    return np.select([z > 0], [z], default=alpha * z)
""",
    },
    "helpers": {
        "prelu_alpha_gradient": """
def _negative_part(Z):
    return np.minimum(np.asarray(Z, dtype=float), 0.0)


def prelu_alpha_gradient(Z, upstream):
    products = np.multiply(upstream, _negative_part(Z))
    return float(products.sum())
""",
        "leaky_relu_derivative": """
def _is_positive(z):
    return np.asarray(z) > 0


def leaky_relu_derivative(z, alpha=0.01):
    return np.where(_is_positive(z), 1.0, alpha)
""",
    },
}

# ---------------------------------------------------------------------------- 06
A06 = {
    "boolean_masks": {
        "silu": """
def silu(z):
    z = np.array(z, dtype=float)
    out = np.empty_like(z)
    positive = z >= 0
    out[positive] = z[positive] / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    out[~positive] = z[~positive] * e / (1.0 + e)
    return out
""",
        "silu_derivative": """
def silu_derivative(z):
    z = np.array(z, dtype=float)
    s = np.empty_like(z)
    positive = z >= 0
    s[positive] = 1.0 / (1.0 + np.exp(-z[positive]))
    e = np.exp(z[~positive])
    s[~positive] = e / (1.0 + e)
    one_minus = np.empty_like(z)
    one_minus[positive] = np.exp(-z[positive]) / (1.0 + np.exp(-z[positive]))
    one_minus[~positive] = 1.0 / (1.0 + e)
    return s * (1.0 + z * one_minus)
""",
    },
    "logaddexp": {
        "silu": """
def silu(z):
    z = np.asarray(z, dtype=np.float64)
    return z * np.exp(-np.logaddexp(0.0, -z))
""",
        "silu_derivative": """
def silu_derivative(z):
    z = np.asarray(z, dtype=np.float64)
    s = np.exp(-np.logaddexp(0.0, -z))
    one_minus_s = np.exp(-np.logaddexp(0.0, z))
    return s + z * s * one_minus_s
""",
        "gelu_tanh": """
def gelu_tanh(z):
    z = np.asarray(z, dtype=np.float64)
    inner = np.sqrt(2 / np.pi) * z * (1 + 0.044715 * z * z)
    return 0.5 * z * (1 + np.tanh(inner))
""",
    },
    "sigmoid_helper": {
        "silu": """
def stable_sigmoid(z):
    z = np.asarray(z, dtype=float)
    small = np.exp(-np.abs(z))
    return np.where(z >= 0, 1 / (1 + small), small / (1 + small))


def silu(z):
    return np.asarray(z, dtype=float) * stable_sigmoid(z)
""",
        "silu_derivative": """
def silu_derivative(z):
    z = np.asarray(z, dtype=float)
    s = stable_sigmoid(z)
    return s + z * s * stable_sigmoid(-z)
""",
        "negative_minimum": """
def negative_minimum(g, g_prime):
    a, b = -5.0, 0.0
    for _ in range(200):
        m = (a + b) / 2
        if g_prime(m) < 0:
            a = m
        else:
            b = m
    return b, float(g(b))
""",
    },
    "vectorized_math": {
        "silu": """
import math


def _silu_one(x):
    if x >= 0:
        return x / (1.0 + math.exp(-x))
    e = math.exp(x)
    return x * e / (1.0 + e)


silu = np.vectorize(_silu_one, otypes=[float])
""",
        "silu_derivative": """
import math


def _silu_slope_one(x):
    if x >= 0:
        e = math.exp(-x)
        s, rest = 1.0 / (1.0 + e), e / (1.0 + e)
    else:
        e = math.exp(x)
        s, rest = e / (1.0 + e), 1.0 / (1.0 + e)
    return s * (1.0 + x * rest)


silu_derivative = np.vectorize(_silu_slope_one, otypes=[float])
""",
        "gelu_tanh": """
import math


def _gelu_one(x):
    return 0.5 * x * (1.0 + math.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x**3)))


gelu_tanh = np.vectorize(_gelu_one, otypes=[float])
""",
    },
    "piecewise": {
        "silu": """
def silu(z):
    z = np.asarray(z, dtype=float)
    return np.piecewise(
        z,
        [z >= 0, z < 0],
        [lambda x: x / (1 + np.exp(-x)), lambda x: x * np.exp(x) / (1 + np.exp(x))],
    )
""",
        "silu_derivative": """
def silu_derivative(z):
    z = np.asarray(z, dtype=float)

    def right(x):
        e = np.exp(-x)
        return (1 + e + x * e) / (1 + e) ** 2

    def left(x):
        e = np.exp(x)
        return e * (1 + e + x) / (1 + e) ** 2

    return np.piecewise(z, [z >= 0, z < 0], [right, left])
""",
    },
    "errstate_where": {
        "silu": """
def silu(z):
    z = np.asarray(z, dtype=float)
    with np.errstate(over="ignore", invalid="ignore"):
        right = z / (1 + np.exp(-z))
        left = z * np.exp(z) / (1 + np.exp(z))
    return np.where(z >= 0, right, left)
""",
        "gelu_tanh": """
def gelu_tanh(z):
    z = np.asarray(z, dtype=float)
    u = np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)
    return 0.5 * z + 0.5 * z * np.tanh(u)
""",
    },
    "class_with_call": {
        "silu": """
class SiLU:
    def sigmoid(self, z):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1 / (1 + e), e / (1 + e))

    def __call__(self, z):
        z = np.asarray(z, dtype=float)
        return z * self.sigmoid(z)


silu = SiLU()
""",
        "negative_minimum": """
class Bracket:
    def __init__(self, low, high):
        self.low, self.high = low, high

    def halve(self, slope):
        middle = 0.5 * (self.low + self.high)
        if slope(middle) < 0:
            self.low = middle
        else:
            self.high = middle

    def width(self):
        return self.high - self.low


def negative_minimum(g, g_prime):
    bracket = Bracket(-5.0, 0.0)
    while bracket.width() > 1e-13:
        bracket.halve(g_prime)
    z = bracket.low
    return z, float(g(z))
""",
    },
    "recursion": {
        "negative_minimum": """
def _root(slope, low, high):
    middle = (low + high) / 2
    if high - low < 1e-12:
        return middle
    if slope(middle) < 0:
        return _root(slope, middle, high)
    return _root(slope, low, middle)


def negative_minimum(g, g_prime):
    z = _root(g_prime, -5.0, 0.0)
    return z, float(g(z))
""",
        "gelu_tanh": """
SQRT_2_OVER_PI = (2 / np.pi) ** 0.5


def gelu_tanh(z):
    z = np.asarray(z, dtype=float)
    return z * (1 + np.tanh(SQRT_2_OVER_PI * (z + 0.044715 * np.power(z, 3)))) / 2
""",
    },
    "false_position": {
        "negative_minimum": """
def negative_minimum(g, g_prime):
    a, b = -5.0, 0.0
    fa, fb = float(g_prime(a)), float(g_prime(b))
    side = 0
    c = b
    for _ in range(200):
        c = (a * fb - b * fa) / (fb - fa)
        fc = float(g_prime(c))
        if fc == 0 or abs(b - a) < 1e-14:
            break
        if fc < 0:
            a, fa = c, fc
            if side == -1:
                fb /= 2
            side = -1
        else:
            b, fb = c, fc
            if side == 1:
                fa /= 2
            side = 1
    return c, float(g(c))
""",
    },
    "grid_then_newton": {
        "negative_minimum": """
def negative_minimum(g, g_prime):
    grid = np.linspace(-5, 0, 501)
    z = float(grid[np.argmin(g(grid))])
    h = 1e-6
    for _ in range(50):
        slope = float(g_prime(z))
        curvature = (float(g_prime(z + h)) - float(g_prime(z - h))) / (2 * h)
        step = slope / curvature
        z -= step
        if abs(step) < 1e-14:
            break
    return z, float(g(z))
""",
        "silu_derivative": """
def silu_derivative(z):
    z = np.asarray(z, dtype=float)
    e = np.exp(-np.abs(z))
    s = np.where(z >= 0, 1, e) / (1 + e)
    return s * (1 + z * (1 - s))
""",
    },
    "zoom_on_arrays": {
        "negative_minimum": """
def negative_minimum(g, g_prime):
    low, high = -5.0, 0.0
    while high - low > 1e-12:
        points = np.linspace(low, high, 11)
        slopes = np.asarray(g_prime(points))
        k = int(np.argmax(slopes >= 0))
        low, high = points[max(k - 1, 0)], points[k]
    z = 0.5 * (low + high)
    return z, float(g(z))
""",
        "gelu_tanh": """
def gelu_tanh(z):
    z = np.asarray(z, dtype=float)
    u = 2 * np.sqrt(2 / np.pi) * (z + 0.044715 * z**3)
    e = np.exp(-np.abs(u))
    gate = np.where(u >= 0, 1 / (1 + e), e / (1 + e))
    return z * gate
""",
    },
}


# ---------------------------------------------------------------------------- 07
_CHOICE = 'CHOICE = {{"activation": "{a}", "hidden": {h}, "lr": {lr}, "epochs": {e}}}\n'
A07 = {
    "loops_and_tanh": {
        "softmax": """
def softmax(S):
    S = np.asarray(S, dtype=float)
    rows = []
    for scores in S:
        e = np.exp(scores - scores.max())
        rows.append(e / e.sum())
    return np.array(rows)
""",
        "choice": _CHOICE.format(a="tanh", h=[16], lr=0.5, e=500),
    },
    "log_sum_exp": {
        "softmax": """
def softmax(S):
    S = np.asarray(S, dtype=float)
    top = S.max(axis=1, keepdims=True)
    log_total = top + np.log(np.exp(S - top).sum(axis=1, keepdims=True))
    return np.exp(S - log_total)
""",
    },
    "if_elif": {
        "output_layer": """
def output_layer(task):
    if task == "binary":
        return "sigmoid", "binary cross-entropy"
    elif task == "multiclass":
        return "softmax", "cross-entropy"
    elif task == "regression":
        return "identity", "mean squared error"
    else:
        raise ValueError("task must be binary, multiclass or regression")
""",
        "init_std": """
import math


def init_std(activation, fan_in, fan_out):
    if activation == "relu" or activation == "leaky_relu":
        return math.sqrt(2 / fan_in)
    elif activation == "tanh":
        return math.sqrt(2 / (fan_in + fan_out))
    else:
        raise ValueError(activation)
""",
    },
    "match_statement": {
        "output_layer": """
def output_layer(task):
    match task:
        case "binary":
            return ("sigmoid", "binary cross-entropy")
        case "multiclass":
            return ("softmax", "cross-entropy")
        case "regression":
            return ("identity", "mean squared error")
    raise ValueError(f"no output layer for {task!r}")
""",
        "choice": _CHOICE.format(a="leaky_relu", h=[16], lr=0.5, e=500),
    },
    "dict_of_functions": {
        "init_std": """
_RULES = {
    "relu": lambda n_in, n_out: np.sqrt(2.0 / n_in),
    "leaky_relu": lambda n_in, n_out: np.sqrt(2.0 / n_in),
    "tanh": lambda n_in, n_out: np.sqrt(2.0 / (n_in + n_out)),
}


def init_std(activation, fan_in, fan_out):
    if activation not in _RULES:
        raise ValueError(f"no rule for {activation}")
    return float(_RULES[activation](fan_in, fan_out))
""",
    },
    "apply_along_axis": {
        "softmax": """
def _softmax_row(s):
    e = np.exp(s - np.max(s))
    return e / np.sum(e)


def softmax(S):
    return np.apply_along_axis(_softmax_row, 1, np.asarray(S, dtype=float))
""",
        "choice": _CHOICE.format(a="relu", h=[32], lr=0.3, e=600),
    },
    "classes": {
        "softmax": """
class Softmax:
    def __init__(self, axis=1):
        self.axis = axis

    def __call__(self, S):
        S = np.asarray(S, dtype=float)
        shifted = S - S.max(axis=self.axis, keepdims=True)
        e = np.exp(shifted)
        return e / e.sum(axis=self.axis, keepdims=True)


softmax = Softmax()
""",
        "output_layer": """
class OutputLayers:
    table = {
        "binary": ("sigmoid", "binary cross-entropy"),
        "multiclass": ("softmax", "cross-entropy"),
        "regression": ("identity", "mean squared error"),
    }

    @classmethod
    def lookup(cls, task):
        try:
            return cls.table[task]
        except KeyError:
            raise ValueError(task) from None


output_layer = OutputLayers.lookup
""",
    },
    "list_of_pairs": {
        "output_layer": """
PAIRS = [
    ("binary", "sigmoid", "binary cross-entropy"),
    ("multiclass", "softmax", "cross-entropy"),
    ("regression", "identity", "mean squared error"),
]


def output_layer(task):
    for name, activation, loss in PAIRS:
        if name == task:
            return activation, loss
    raise ValueError(f"unknown task: {task}")
""",
        "choice": 'CHOICE = dict(activation="relu", hidden=[8, 8], lr=0.3, epochs=800)\n',
    },
    "divide_and_sets": {
        "softmax": """
def softmax(S):
    S = np.asarray(S, dtype=np.float64)
    e = np.exp(np.subtract(S, np.amax(S, axis=1)[:, np.newaxis]))
    return np.divide(e, np.sum(e, axis=1)[:, np.newaxis])
""",
        "init_std": """
HE = {"relu", "leaky_relu"}
GLOROT = {"tanh"}


def init_std(activation, fan_in, fan_out):
    if activation in HE:
        variance = 2.0 / fan_in
    elif activation in GLOROT:
        variance = 2.0 / (fan_in + fan_out)
    else:
        raise ValueError(f"{activation}: no standard deviation keeps a deep stack stable")
    return variance**0.5
""",
    },
    "variables_for_the_choice": {
        "choice": """
activation = "tanh"
hidden = [8]
lr = 1.0
epochs = 800
CHOICE = {"activation": activation, "hidden": hidden, "lr": lr, "epochs": epochs}
""",
        "output_layer": """
def output_layer(task):
    known = {"binary": 0, "multiclass": 1, "regression": 2}
    if task not in known:
        raise ValueError(task)
    activations_for_tasks = ["sigmoid", "softmax", "identity"]
    losses = ["binary cross-entropy", "cross-entropy", "mean squared error"]
    return activations_for_tasks[known[task]], losses[known[task]]
""",
    },
}

ALTERNATIVES = {
    "01_why_activations": A01,
    "02_sigmoid": A02,
    "03_tanh": A03,
    "04_relu": A04,
    "05_leaky_relu": A05,
    "06_beyond": A06,
    "07_choosing": A07,
}
