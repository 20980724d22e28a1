"""Reference pages: comparison tables, interview tips and signals, FAQ."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Request

from gauntlet.store.users import User
from gauntlet.web.rendering import page
from gauntlet.web.security import current_user, verify_csrf

router = APIRouter(dependencies=[Depends(verify_csrf)])


@router.get("/tables")
def tables(request: Request, user: User = Depends(current_user)):
    return page(request, "tables.html", tables=request.app.state.bank.tables)


@router.get("/tips")
def tips(request: Request, user: User = Depends(current_user)):
    bank = request.app.state.bank
    return page(request, "tips.html", tips=bank.tips, signals=bank.signals)


@router.get("/faq")
def faq(request: Request, user: User = Depends(current_user)):
    return page(request, "faq.html", faq=request.app.state.bank.faq)
