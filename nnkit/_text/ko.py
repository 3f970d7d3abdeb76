"""nnkit의 한국어 문장: the Korean sentences of nnkit, keyed by the same codes as en.py.

Every key of en.py has its sentence here, with the same fields in braces; a test fails on
a key this table lacks or a field it drops. Terms follow the source posts: 순전파, 역전파,
손실함수, 기울기, 연쇄법칙, 계산 그래프, 활성화 함수, 가중치, 편향, 학습률, 경사하강법.
"""

TEXTS = {
    # ----- checkers, gradient checks and errors: the keys en.py had first -----------------

    # ----- explorers, figures, diagrams and backward_steps ------------------------------

}
