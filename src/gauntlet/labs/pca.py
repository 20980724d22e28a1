"""Principal component analysis: explained variance, reconstruction, and why scaling matters.

Images: 8x8 pixel "images" (64 features), each a random mix of six smooth patterns (a horizontal
bar, a vertical bar, a diagonal, a centre blob, a ring, a left-right gradient) with decreasing
strength, plus independent pixel noise of sd ``noise_sd``. The data therefore have six real
directions of variation and 58 of pure noise. PCA is fitted on ``n_train`` images and judged on
as many unseen ones.

Scaling: five measurements of people in their natural units (height m, weight kg, age years,
income dollars, commute km), where height and weight are correlated, fitted with and without
standardising each feature first.
"""

from __future__ import annotations

import numpy as np

from gauntlet.labs.catalog import lab_spec
from gauntlet.labs.models import PCA
from gauntlet.labs.plotting import COLOURS, new_figure
from gauntlet.labs.result import LabResult, ResultTable
from gauntlet.labs.spec import Param, ProgressFn, no_progress

SPEC = lab_spec(
    "pca",
    params=(
        Param("n_train", "int", 500, "images to fit PCA on (as many again for testing)", low=50, high=5000),
        Param("noise_sd", "float", 0.3, "pixel noise standard deviation", low=0.0, high=2.0),
    ),
    notice=(
        "Each principal component is the direction of largest remaining variance, orthogonal to the ones before "
        "it: the eigenvectors of the covariance matrix, ordered by eigenvalue. A component's explained-variance "
        "ratio is its eigenvalue over the sum of all of them.",
        "Six patterns generate these images, so six components carry almost all the structure; after them the "
        "scree plot levels off near the noise variance, because independent pixel noise adds the same variance "
        "in every direction (sampling spreads those noise eigenvalues a little around it). That elbow is the "
        "honest choice of k; a round 95% target keeps dozens of components that mostly describe noise.",
        "Reconstructing from k components loses exactly the variance of the dropped ones: on the training data, "
        "the squared reconstruction error summed over pixels and averaged over images (with the n - 1 the "
        "variances use) equals the sum of the discarded eigenvalues.",
        "Reconstruction error on unseen images also only falls as k grows (a larger subspace contains the "
        "smaller one, so projecting onto it can only get closer), so it cannot choose k by itself; past the "
        "elbow each extra component buys only about one noise-variance's worth.",
        "PCA works on variances, so units decide the answer: income in dollars (sd in the tens of thousands) "
        "swamps height in metres, and PC1 becomes 'income'. Standardise features first unless they share a unit.",
        "An eigenvector is defined only up to its sign (this lab makes each component's largest loading "
        "positive, as scikit-learn does), and when two eigenvalues are nearly equal only their plane is well "
        "defined: every direction in it explains almost the same variance, so sampling noise decides which one "
        "becomes PC1, and it changes from one sample to the next. An eigenvector's sampling error grows as the "
        "gap to its neighbouring eigenvalues shrinks, so check the gap before interpreting a component.",
        "PCA is unsupervised and linear: the highest-variance directions need not be the ones that predict a "
        "label, and curved structure needs kernel PCA or an autoencoder (t-SNE and UMAP are for visualisation).",
    ),
    takeaway=(
        "PCA centres the data, finds orthogonal directions of maximum variance (eigenvectors of the covariance, "
        "or the SVD of the centred data), and keeps the top k. Choose k from the scree plot's elbow or a variance "
        "target checked on downstream performance; standardise features with different units first; fit it on "
        "training data only; and remember it is linear, unsupervised and makes components hard to interpret. "
        "Uses: compression, denoising, decorrelating features, speeding up models, 2-D views."
    ),
)

SIDE = 8
STRENGTHS = np.array([3.0, 2.5, 2.0, 1.6, 1.3, 1.0])  # sd of each pattern's weight
RECONSTRUCTION_KS = (1, 2, 3, 6, 10, 20)


def patterns() -> np.ndarray:
    """(6, 64) unit-norm smooth patterns on an 8x8 grid."""
    r, c = np.meshgrid(np.arange(SIDE), np.arange(SIDE), indexing="ij")
    centre = (SIDE - 1) / 2
    radius = np.hypot(r - centre, c - centre)
    raw = [
        np.exp(-((r - 2.0) ** 2) / 2.0),  # horizontal bar near the top
        np.exp(-((c - 5.0) ** 2) / 2.0),  # vertical bar right of centre
        np.exp(-((r - c) ** 2) / 2.0),  # diagonal
        np.exp(-(radius**2) / 4.0),  # centre blob
        np.exp(-((radius - 3.0) ** 2) / 1.0),  # ring
        (c - centre) / centre,  # left-right gradient
    ]
    P = np.array([p.ravel() - p.mean() for p in raw])
    return P / np.linalg.norm(P, axis=1, keepdims=True)


def draw_images(rng: np.random.Generator, n: int, noise_sd: float) -> tuple[np.ndarray, np.ndarray]:
    """Noisy images and the clean images they were made from, (n, 64) each."""
    weights = rng.standard_normal((n, len(STRENGTHS))) * STRENGTHS
    clean = weights @ patterns()
    return clean + noise_sd * rng.standard_normal((n, SIDE * SIDE)), clean


PEOPLE_FEATURES = ("height_m", "weight_kg", "age_years", "income_usd", "commute_km")


def draw_people(rng: np.random.Generator, n: int) -> np.ndarray:
    height = rng.normal(1.70, 0.09, n)
    weight = 22.0 * height**2 + rng.normal(0, 7.0, n)  # BMI about 22, so weight follows height
    age = rng.uniform(20, 65, n)
    income = 20_000 + 900 * (age - 20) + rng.normal(0, 15_000, n)
    commute = rng.gamma(2.0, 6.0, n)
    return np.column_stack([height, weight, age, income, commute])


def split_half_agreement(X: np.ndarray, half: int) -> float:
    """|cos| between PC1 fitted on the first ``half`` rows and PC1 fitted on the rest (1 = same axis)."""
    first, second = PCA(n_components=1).fit(X[:half]), PCA(n_components=1).fit(X[half:])
    return float(abs(first.components_[0] @ second.components_[0]))


NEAR_EQUAL = 1.2  # top two eigenvalues closer than this ratio: only their plane is well determined


def _stability_notice(n: dict) -> str:
    """Why the standardised people data's PC1 changes from sample to sample, or why it does not."""
    ratio, cosine = n["standardised_eigenvalue_1_over_2"], n["standardised_pc1_split_half_abs_cosine"]
    image_ratio, image_cosine = n["image_eigenvalue_1_over_2"], n["image_pc1_split_half_abs_cosine"]
    pairs = (f"height-weight (correlation {n['height_weight_correlation']:.2f}) and age-income "
             f"({n['age_income_correlation']:.2f})")
    text = (f"After standardising, the top two eigenvalues are {n['standardised_eigenvalue_1']:.2f} and "
            f"{n['standardised_eigenvalue_2']:.2f} (ratio {ratio:.2f})")
    if ratio < NEAR_EQUAL:
        text += (f": {pairs} are two correlated pairs of similar strength, so every direction in the plane of PC1 "
                 f"and PC2 explains almost the same variance and sampling noise decides which mix of the pairs "
                 f"becomes PC1. Fitted on two halves of these rows, PC1 agrees to |cos| = {cosine:.2f}; read the "
                 f"PC1-PC2 plane, not PC1 alone.")
    else:
        text += f"; fitted on two halves of these rows, PC1 agrees to |cos| = {cosine:.2f}."
    if image_ratio >= NEAR_EQUAL and image_cosine > 0.9:
        text += (f" The images' top two eigenvalues are well apart (ratio {image_ratio:.2f}) and their PC1 is "
                 f"stable: |cos| = {image_cosine:.2f} between halves.")
    else:
        text += (f" The images' top two eigenvalues have ratio {image_ratio:.2f}, and their PC1 agrees to "
                 f"|cos| = {image_cosine:.2f} between halves.")
    return text


def run(seed: int, progress: ProgressFn = no_progress, *, n_train: int, noise_sd: float) -> LabResult:
    rng = np.random.default_rng(seed)
    X, _ = draw_images(rng, n_train, noise_sd)
    X_test, clean_test = draw_images(rng, n_train, noise_sd)
    pca = PCA().fit(X)
    six = PCA(n_components=len(STRENGTHS)).fit(X)
    denoised = six.inverse_transform(six.transform(X_test))
    eigenvalues = pca.explained_variance_
    ratio = pca.explained_variance_ratio_
    cumulative = np.cumsum(ratio)
    n_eigen = len(eigenvalues)

    ks = np.arange(1, min(n_eigen, SIDE * SIDE) + 1)
    train_errors, test_errors, identity_gap = [], [], []
    for k in ks:
        kept = PCA(n_components=int(k)).fit(X)
        # total squared error per image, with the same n - 1 as the variances, to compare like for like
        train_sse = np.sum((kept.inverse_transform(kept.transform(X)) - X) ** 2) / (len(X) - 1)
        train_errors.append(train_sse)
        test_errors.append(np.mean(np.sum((kept.inverse_transform(kept.transform(X_test)) - X_test) ** 2, axis=1)))
        discarded = eigenvalues[k:].sum()
        identity_gap.append(abs(train_sse - discarded) / max(eigenvalues.sum(), 1e-300))
    progress(1, 2)
    train_error, test_error = np.array(train_errors), np.array(test_errors)

    people = draw_people(rng, 1000)
    raw_pca = PCA().fit(people)
    standardised = (people - people.mean(axis=0)) / people.std(axis=0)
    std_pca = PCA().fit(standardised)
    # how well each PC1 is pinned down: fit it on two halves of the same data and compare directions
    half = len(people) // 2
    people_agreement = split_half_agreement(standardised, half)
    image_agreement = split_half_agreement(X, len(X) // 2)
    correlation = np.corrcoef(people, rowvar=False)
    progress(2, 2)

    def needed(target: float) -> int:
        return int(np.searchsorted(cumulative, target - 1e-12) + 1)

    noise_var = noise_sd**2
    numbers = {
        "pc1_explained_variance_ratio": ratio[0],
        "top6_cumulative_ratio": cumulative[5],
        "components_for_90_percent": needed(0.90),
        "components_for_95_percent": needed(0.95),
        "components_for_99_percent": needed(0.99),
        "eigenvalue_6": eigenvalues[5],
        "eigenvalue_7": eigenvalues[6],
        "median_tail_eigenvalue": float(np.median(eigenvalues[6:])),
        "pixel_noise_variance": noise_var,
        "max_gap_train_error_vs_discarded_eigenvalues": max(identity_gap),
        "test_error_k1": test_error[0],
        "test_error_k6": test_error[5],
        "test_error_k20": test_error[19],
        "test_error_drop_k6_to_k20": test_error[5] - test_error[19],
        "noisy_image_error_vs_clean": float(np.mean(np.sum((X_test - clean_test) ** 2, axis=1))),
        "k6_reconstruction_error_vs_clean": float(np.mean(np.sum((denoised - clean_test) ** 2, axis=1))),
        "unscaled_pc1_income_loading": abs(raw_pca.components_[0][PEOPLE_FEATURES.index("income_usd")]),
        "unscaled_pc1_ratio": raw_pca.explained_variance_ratio_[0],
        "standardised_pc1_ratio": std_pca.explained_variance_ratio_[0],
        "standardised_pc1_largest_loading": float(np.max(np.abs(std_pca.components_[0]))),
        "standardised_eigenvalue_1": std_pca.explained_variance_[0],
        "standardised_eigenvalue_2": std_pca.explained_variance_[1],
        "standardised_eigenvalue_1_over_2": std_pca.explained_variance_[0] / std_pca.explained_variance_[1],
        "height_weight_correlation": correlation[0, 1],
        "age_income_correlation": correlation[2, 3],
        "standardised_pc1_split_half_abs_cosine": people_agreement,
        "image_eigenvalue_1_over_2": eigenvalues[0] / eigenvalues[1],
        "image_pc1_split_half_abs_cosine": image_agreement,
    }
    tables = [
        ResultTable("Explained variance and reconstruction error (total squared error per image)",
                    ["k components", "eigenvalue k", "cumulative ratio", "train error", "sum of dropped eigenvalues",
                     "test error"],
                    [[int(k), eigenvalues[k - 1], cumulative[k - 1], train_error[k - 1], eigenvalues[k:].sum(),
                      test_error[k - 1]] for k in (1, 2, 3, 4, 5, 6, 7, 8, 10, 20, 40)]),
        ResultTable("PC1 loadings on people data: raw units vs standardised (and standardised PC2)",
                    ["feature", "raw units", "standardised", "standardised PC2"],
                    [[name, raw_pca.components_[0][j], std_pca.components_[0][j], std_pca.components_[1][j]]
                     for j, name in enumerate(PEOPLE_FEATURES)]),
    ]
    notices = [
        f"PC1 explains {ratio[0]:.1%} of the variance, the first six {cumulative[5]:.1%}; 90%, 95% and 99% need "
        f"{numbers['components_for_90_percent']}, {numbers['components_for_95_percent']} and "
        f"{numbers['components_for_99_percent']} components.",
        f"Eigenvalue 6 is {eigenvalues[5]:.3f}, eigenvalue 7 {eigenvalues[6]:.3f}; the tail's median, "
        f"{numbers['median_tail_eigenvalue']:.3f}, sits near the pixel-noise variance {noise_var:.3f}.",
        f"Training error equals the sum of the dropped eigenvalues to within "
        f"{numbers['max_gap_train_error_vs_discarded_eigenvalues']:.1e} of the total variance, at every k.",
        f"Test error per image: {test_error[0]:.2f} with 1 component, {test_error[5]:.2f} with 6, {test_error[19]:.2f} "
        f"with 20: the 14 components after the sixth remove only {numbers['test_error_drop_k6_to_k20']:.2f}.",
        f"Denoising: unseen noisy images are {numbers['noisy_image_error_vs_clean']:.2f} (squared error per image) "
        f"from their clean versions; their 6-component reconstructions are "
        f"{numbers['k6_reconstruction_error_vs_clean']:.2f} away, because projecting drops the noise in the "
        f"other {SIDE * SIDE - 6} directions.",
        f"In raw units PC1 is {numbers['unscaled_pc1_income_loading']:.4f} income and explains "
        f"{numbers['unscaled_pc1_ratio']:.2%} of the variance; after standardising, PC1 explains "
        f"{numbers['standardised_pc1_ratio']:.0%} and no feature loads above "
        f"{numbers['standardised_pc1_largest_loading']:.2f}.",
        _stability_notice(numbers),
    ]
    figures = {
        "scree": lambda: _scree_figure(ratio, cumulative, eigenvalues, noise_var),
        "reconstruction_error": lambda: _error_figure(ks, train_error, test_error, noise_var),
        "reconstructions": lambda: _images_figure(X, X_test),
        "components": lambda: _components_figure(pca.components_),
        "scaling": lambda: _scaling_figure(raw_pca.components_[0], std_pca.components_[0]),
    }
    return LabResult("pca", seed, numbers=numbers, tables=tables, notices=notices, figures=figures)


def _scree_figure(ratio, cumulative, eigenvalues, noise_var):
    fig, (ax1, ax2) = new_figure(2, 1, width=5.5, title="How much variance each component explains")
    k = np.arange(1, len(eigenvalues) + 1)
    ax1.plot(k, eigenvalues, "o-", ms=3, color=COLOURS[0], label="eigenvalue (variance along PC k)")
    ax1.axhline(noise_var, color=COLOURS[3], ls="--", label=f"pixel noise variance {noise_var:.3g}")
    ax1.set_yscale("log")
    ax1.set_xlabel("component k")
    ax1.set_ylabel("variance (log scale)")
    ax1.set_title("Scree plot: the elbow after 6")
    ax1.legend(fontsize=8)
    ax2.plot(k, cumulative, "o-", ms=3, color=COLOURS[1])
    for target in (0.9, 0.95, 0.99):
        ax2.axhline(target, color="0.7", ls=":", lw=1)
    ax2.set_xlabel("number of components k")
    ax2.set_ylabel("cumulative explained-variance ratio")
    ax2.set_title("Cumulative (dotted: 90%, 95%, 99%)")
    return fig


def _error_figure(ks, train_error, test_error, noise_var):
    fig, ax = new_figure(width=6.5, title="Reconstruction error vs number of components")
    ax.plot(ks, train_error, "o-", ms=3, color=COLOURS[0], label="training images")
    ax.plot(ks, test_error, "s-", ms=3, color=COLOURS[1], label="unseen images")
    ax.plot(ks, noise_var * (len(ks) - ks), ":", color=COLOURS[3], label="noise variance x dropped components")
    ax.set_yscale("symlog", linthresh=1e-2)
    ax.set_xlabel("components kept k")
    ax.set_ylabel("total squared error per image")
    ax.legend()
    return fig


def _images_figure(X, X_test):
    picks = X_test[:4]
    ks = RECONSTRUCTION_KS
    fig, axes = new_figure(len(ks) + 1, len(picks), width=1.5, height=1.6,
                           title="Unseen images reconstructed from k components")
    limit = float(np.max(np.abs(picks)))
    for row, image in enumerate(picks):
        axes[row, 0].imshow(image.reshape(SIDE, SIDE), cmap="RdBu_r", vmin=-limit, vmax=limit)
        axes[row, 0].set_title("original" if row == 0 else "", fontsize=9)
        for col, k in enumerate(ks, start=1):
            model = PCA(n_components=k).fit(X)
            rebuilt = model.inverse_transform(model.transform(image[None]))[0]
            axes[row, col].imshow(rebuilt.reshape(SIDE, SIDE), cmap="RdBu_r", vmin=-limit, vmax=limit)
            if row == 0:
                axes[row, col].set_title(f"k = {k}", fontsize=9)
    for ax in axes.ravel():
        ax.set_xticks([])
        ax.set_yticks([])
    return fig


def _components_figure(components):
    fig, axes = new_figure(8, 1, width=1.6, height=2.0, title="The first 8 principal components as images")
    for i, ax in enumerate(axes):
        limit = float(np.max(np.abs(components[i])))
        ax.imshow(components[i].reshape(SIDE, SIDE), cmap="RdBu_r", vmin=-limit, vmax=limit)
        ax.set_title(f"PC{i + 1}" + (" (noise)" if i >= 6 else ""), fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    return fig


def _scaling_figure(raw_pc1, std_pc1):
    fig, ax = new_figure(width=7.0, title="PC1 loadings: raw units vs standardised features")
    index = np.arange(len(PEOPLE_FEATURES))
    ax.bar(index - 0.2, np.abs(raw_pc1), 0.4, color=COLOURS[1], label="raw units")
    ax.bar(index + 0.2, np.abs(std_pc1), 0.4, color=COLOURS[0], label="standardised")
    ax.set_xticks(index, PEOPLE_FEATURES)
    ax.set_xlabel("feature")
    ax.set_ylabel("|loading| on PC1")
    ax.legend()
    return fig
