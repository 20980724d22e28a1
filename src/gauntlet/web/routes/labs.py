"""Labs in the browser: pick one, set its seed and parameters, run it, see the numbers and figures."""

from __future__ import annotations

import base64
import io

from fastapi import APIRouter, Depends, Request

from gauntlet.errors import InputError
from gauntlet.store.users import User
from gauntlet.web.rendering import page
from gauntlet.web.security import current_user, verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])


def _questions_using(bank, lab_id: str):
    return [q for q in bank.questions if lab_id in q.related.labs]


@router.get("/labs")
def labs(request: Request, user: User = Depends(current_user)):
    from gauntlet.labs.catalog import LABS

    return page(request, "labs.html", labs=LABS)


def _figure_png(factory) -> str:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure = factory()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90, bbox_inches="tight")
    plt.close(figure)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


@router.get("/labs/{lab_id}")
def lab(request: Request, lab_id: str, user: User = Depends(current_user)):
    from gauntlet.labs.catalog import entry
    from gauntlet.labs.runner import lab_spec_of

    info = entry(lab_id)  # NotFoundError -> 404
    spec = lab_spec_of(lab_id)
    return page(request, "lab.html", info=info, spec=spec, values=spec.defaults(), seed=0, result=None,
                figures={}, questions=_questions_using(request.app.state.bank, lab_id))


@router.post("/labs/{lab_id}/run")
async def run(request: Request, lab_id: str, user: User = Depends(current_user)):
    from gauntlet.labs.catalog import entry
    from gauntlet.labs.runner import lab_spec_of, run_lab

    info = entry(lab_id)
    spec = lab_spec_of(lab_id)
    form = await request.form()
    try:
        seed = int(str(form.get("seed", "0")).strip() or "0")
    except ValueError:
        raise InputError("the seed must be a whole number") from None
    # Unticked checkboxes are absent from a form: a bool parameter missing means false.
    params = {p.name: form.get(p.name, "false" if p.kind == "bool" else p.default) for p in spec.params}

    def execute():
        result = run_lab(lab_id, seed, params)
        return result, {name: _figure_png(factory) for name, factory in result.figures.items()}

    # seconds of CPU: on the long-task threads (two at a time), never on the page-request ones
    result, figures = await request.app.state.long_tasks.run(execute)
    return page(request, "lab.html", info=info, spec=spec, values=result.params, seed=seed, result=result,
                figures=figures, questions=_questions_using(request.app.state.bank, lab_id))
