"""Writes the golden ONNX models that OnnxImporterGoldenTest imports (see README.md beside this file).

Run from this folder with Python 3.11 and the packages named in README.md:
    python make_fixtures.py
Every model is small (a few kB) and made from fixed seeds. The tests need no Python: they compare
mlp4j's predictions with ONNX Runtime's (Java, test scope) on the committed files.
"""
import os

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

RNG = np.random.default_rng(20261203)


def save(model, name, **kwargs):
    onnx.checker.check_model(model)
    onnx.save_model(model, name, **kwargs)
    print("wrote", name)


# ---------------------------------------------------------------- PyTorch (the real exporter)
def pytorch():
    import torch

    torch.manual_seed(7)
    # A leading Flatten over (N, 2, 3) inputs, Dropout (dropped in eval mode), LeakyReLU and a softmax head.
    mlp = torch.nn.Sequential(
        torch.nn.Flatten(), torch.nn.Linear(6, 10), torch.nn.ReLU(), torch.nn.Dropout(0.2),
        torch.nn.Linear(10, 8), torch.nn.LeakyReLU(0.1), torch.nn.Linear(8, 3), torch.nn.Softmax(dim=1)).eval()
    torch.onnx.export(mlp, (torch.randn(2, 2, 3),), "pytorch_mlp.onnx", input_names=["input"],
                      output_names=["output"], dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}},
                      opset_version=17, dynamo=False)
    print("wrote pytorch_mlp.onnx")

    # The dynamo exporter (torch.export), in float64: Tanh hidden layers and a sigmoid head.
    mlp64 = torch.nn.Sequential(torch.nn.Linear(5, 12), torch.nn.Tanh(), torch.nn.Linear(12, 12), torch.nn.Tanh(),
                                torch.nn.Linear(12, 1), torch.nn.Sigmoid()).double().eval()
    torch.onnx.export(mlp64, (torch.randn(4, 5, dtype=torch.float64),), "pytorch_dynamo_float64.onnx",
                      input_names=["x"], output_names=["p"], dynamic_shapes=({0: torch.export.Dim("batch")},),
                      dynamo=True, external_data=False)
    print("wrote pytorch_dynamo_float64.onnx")


# ---------------------------------------------------------------- scikit-learn, in skl2onnx's shape
def sklearn_graph(mlp, dtype, zipmap, opset=15):
    """Builds the graph skl2onnx writes for an MLPClassifier: Cast, then MatMul + Add + activation per
    layer, the head, the probabilities (Concat(1 - p, p) for two classes), then ArgMax ->
    ArrayFeatureExtractor -> Reshape -> Cast for the label and, optionally, ZipMap."""
    proto = TensorProto.DOUBLE if dtype == np.float64 else TensorProto.FLOAT
    act = {"relu": "Relu", "tanh": "Tanh", "logistic": "Sigmoid", "identity": "Identity"}
    nodes, inits = [helper.make_node("Cast", ["X"], ["cast_input"], to=proto, name="Cast")], []
    a = "cast_input"
    for i, (w, b) in enumerate(zip(mlp.coefs_, mlp.intercepts_)):
        inits += [numpy_helper.from_array(w.astype(dtype), f"coefficient{i}"),
                  numpy_helper.from_array(b.reshape(1, -1).astype(dtype), f"intercepts{i}")]
        nodes += [helper.make_node("MatMul", [a, f"coefficient{i}"], [f"mul_result{i}"], name=f"MatMul{i}"),
                  helper.make_node("Add", [f"mul_result{i}", f"intercepts{i}"], [f"add_result{i}"], name=f"Add{i}")]
        last = i == len(mlp.coefs_) - 1
        op = {"softmax": "Softmax", "logistic": "Sigmoid"}[mlp.out_activation_] if last else act[mlp.activation]
        a = "out_activations_result" if last else f"next_activations{i}"
        nodes.append(helper.make_node(op, [f"add_result{i}"], [a], name=f"{op}{i}"))
    if len(mlp.classes_) == 2:
        inits.append(numpy_helper.from_array(np.array(1, dtype=dtype), "unity"))
        nodes += [helper.make_node("Sub", ["unity", a], ["negative_class_proba"], name="Sub"),
                  helper.make_node("Concat", ["negative_class_proba", a], ["probabilities"], axis=1, name="Concat")]
    else:
        nodes.append(helper.make_node("Identity", [a], ["probabilities"], name="Identity"))
    inits += [numpy_helper.from_array(mlp.classes_.astype(np.int32), "classes"),
              numpy_helper.from_array(np.array([-1], dtype=np.int64), "shape_tensor")]
    nodes += [helper.make_node("ArgMax", ["probabilities"], ["argmax_output"], axis=1, name="ArgMax"),
              helper.make_node("ArrayFeatureExtractor", ["classes", "argmax_output"], ["array_feature_extractor_result"],
                               domain="ai.onnx.ml", name="ArrayFeatureExtractor"),
              helper.make_node("Reshape", ["array_feature_extractor_result", "shape_tensor"], ["reshaped_result"],
                               name="Reshape"),
              helper.make_node("Cast", ["reshaped_result"], ["label"], to=TensorProto.INT64, name="Cast1")]
    outputs = [helper.make_tensor_value_info("label", TensorProto.INT64, [None])]
    if zipmap:
        nodes.append(helper.make_node("ZipMap", ["probabilities"], ["output_probability"], domain="ai.onnx.ml",
                                      classlabels_int64s=[int(c) for c in mlp.classes_], name="ZipMap"))
        outputs.append(helper.make_value_info("output_probability", helper.make_sequence_type_proto(
            helper.make_map_type_proto(TensorProto.INT64, helper.make_tensor_type_proto(TensorProto.FLOAT, [])))))
    else:
        outputs.append(helper.make_tensor_value_info("probabilities", proto, [None, len(mlp.classes_)]))
    graph = helper.make_graph(nodes, "mlp", [helper.make_tensor_value_info("X", proto, [None, mlp.n_features_in_])],
                              outputs, inits)
    model = helper.make_model(graph, producer_name="skl2onnx", producer_version="1.19.1",
                              opset_imports=[helper.make_opsetid("", opset), helper.make_opsetid("ai.onnx.ml", 1)])
    model.ir_version = 8
    return model


def sklearn_regressor_pipeline(scaler, mlp, opset=15):
    """Builds the graph skl2onnx writes for Pipeline(StandardScaler, MLPRegressor): ai.onnx.ml.Scaler
    (offset = mean, scale = 1 / std), Cast, MatMul + Add + activation per layer, an identity head, and
    a Reshape to (-1, 1)."""
    act = {"relu": "Relu", "tanh": "Tanh", "logistic": "Sigmoid", "identity": "Identity"}
    nodes = [helper.make_node("Scaler", ["X"], ["variable"], domain="ai.onnx.ml", name="Scaler",
                              offset=scaler.mean_.astype(np.float32).tolist(),
                              scale=(1.0 / scaler.scale_).astype(np.float32).tolist()),
             helper.make_node("Cast", ["variable"], ["cast_input"], to=TensorProto.FLOAT, name="Cast")]
    inits, a = [], "cast_input"
    for i, (w, b) in enumerate(zip(mlp.coefs_, mlp.intercepts_)):
        inits += [numpy_helper.from_array(w.astype(np.float32), f"coefficient{i}"),
                  numpy_helper.from_array(b.reshape(1, -1).astype(np.float32), f"intercepts{i}")]
        nodes += [helper.make_node("MatMul", [a, f"coefficient{i}"], [f"mul_result{i}"], name=f"MatMul{i}"),
                  helper.make_node("Add", [f"mul_result{i}", f"intercepts{i}"], [f"add_result{i}"], name=f"Add{i}")]
        last = i == len(mlp.coefs_) - 1
        op = act[mlp.out_activation_] if last else act[mlp.activation]
        a = "out_activations_result" if last else f"next_activations{i}"
        nodes.append(helper.make_node(op, [f"add_result{i}"], [a], name=f"{op}{i}"))
    inits.append(numpy_helper.from_array(np.array([-1, 1], dtype=np.int64), "shape_tensor"))
    nodes.append(helper.make_node("Reshape", [a, "shape_tensor"], ["variable1"], name="Reshape"))
    graph = helper.make_graph(nodes, "pipeline", [helper.make_tensor_value_info("X", TensorProto.FLOAT,
                                                                                [None, scaler.n_features_in_])],
                              [helper.make_tensor_value_info("variable1", TensorProto.FLOAT, [None, 1])], inits)
    model = helper.make_model(graph, producer_name="skl2onnx", producer_version="1.19.1",
                              opset_imports=[helper.make_opsetid("", opset), helper.make_opsetid("ai.onnx.ml", 1)])
    model.ir_version = 8
    return model


def sklearn():
    from sklearn.datasets import make_classification
    from sklearn.neural_network import MLPClassifier

    x, y = make_classification(n_samples=300, n_features=4, n_informative=3, n_redundant=0, n_classes=3,
                               random_state=0)
    y = np.array([3, 5, 7])[y]                                 # labels that are not the class indices
    mlp = MLPClassifier(hidden_layer_sizes=(16, 8), activation="relu", max_iter=400, random_state=0).fit(x, y)
    save(sklearn_graph(mlp, np.float32, zipmap=True), "sklearn_classifier_zipmap.onnx")

    x, y = make_classification(n_samples=300, n_features=5, n_informative=3, n_redundant=0, random_state=1)
    mlp = MLPClassifier(hidden_layer_sizes=(6,), activation="logistic", max_iter=600, random_state=1).fit(x, y)
    save(sklearn_graph(mlp, np.float64, zipmap=False), "sklearn_binary_float64.onnx")

    from sklearn.datasets import make_regression
    from sklearn.neural_network import MLPRegressor
    from sklearn.preprocessing import StandardScaler

    x, y = make_regression(n_samples=200, n_features=3, noise=0.1, random_state=2)
    x = x * [1.0, 10.0, 0.1] + [5.0, -20.0, 0.5]
    scaler = StandardScaler().fit(x)
    mlp = MLPRegressor(hidden_layer_sizes=(7,), activation="tanh", max_iter=800, random_state=2)
    mlp.fit(scaler.transform(x), y)
    save(sklearn_regressor_pipeline(scaler, mlp), "sklearn_pipeline_regressor.onnx")


# ---------------------------------------------------------------- Keras, in tf2onnx's shape
def keras():
    """What tf2onnx writes for a Keras Sequential of Normalization, Dense(relu), Dense(softmax): a
    symbolic batch 'unk__6', Sub and Div for the normalization, a Reshape to (-1, features), MatMul
    + Add per Dense layer, Softmax over axis -1, and an Identity that names the output."""
    n_in, hidden, n_out = 6, 9, 4
    mean = RNG.normal(size=n_in).astype(np.float32)
    std = RNG.uniform(0.5, 2.0, size=n_in).astype(np.float32)
    w1 = RNG.normal(scale=0.5, size=(n_in, hidden)).astype(np.float32)
    b1 = RNG.normal(scale=0.1, size=hidden).astype(np.float32)
    w2 = RNG.normal(scale=0.5, size=(hidden, n_out)).astype(np.float32)
    b2 = RNG.normal(scale=0.1, size=n_out).astype(np.float32)
    p = "sequential/"
    inits = [numpy_helper.from_array(mean, p + "normalization/sub/y:0"),
             numpy_helper.from_array(std, p + "normalization/Sqrt:0"),
             numpy_helper.from_array(np.array([-1, n_in], dtype=np.int64), "const_fold_opt__12"),
             numpy_helper.from_array(w1, p + "dense/MatMul/ReadVariableOp:0"),
             numpy_helper.from_array(b1, p + "dense/BiasAdd/ReadVariableOp:0"),
             numpy_helper.from_array(w2, p + "dense_1/MatMul/ReadVariableOp:0"),
             numpy_helper.from_array(b2, p + "dense_1/BiasAdd/ReadVariableOp:0")]
    nodes = [
        helper.make_node("Sub", ["input_1", p + "normalization/sub/y:0"], [p + "normalization/sub:0"],
                         name=p + "normalization/sub"),
        helper.make_node("Div", [p + "normalization/sub:0", p + "normalization/Sqrt:0"],
                         [p + "normalization/truediv:0"], name=p + "normalization/truediv"),
        helper.make_node("Reshape", [p + "normalization/truediv:0", "const_fold_opt__12"], [p + "flatten/Reshape:0"],
                         name=p + "flatten/Reshape"),
        helper.make_node("MatMul", [p + "flatten/Reshape:0", p + "dense/MatMul/ReadVariableOp:0"],
                         [p + "dense/MatMul:0"], name=p + "dense/MatMul"),
        helper.make_node("Add", [p + "dense/MatMul:0", p + "dense/BiasAdd/ReadVariableOp:0"], [p + "dense/BiasAdd:0"],
                         name=p + "dense/BiasAdd"),
        helper.make_node("Relu", [p + "dense/BiasAdd:0"], [p + "dense/Relu:0"], name=p + "dense/Relu"),
        helper.make_node("MatMul", [p + "dense/Relu:0", p + "dense_1/MatMul/ReadVariableOp:0"],
                         [p + "dense_1/MatMul:0"], name=p + "dense_1/MatMul"),
        helper.make_node("Add", [p + "dense_1/MatMul:0", p + "dense_1/BiasAdd/ReadVariableOp:0"],
                         [p + "dense_1/BiasAdd:0"], name=p + "dense_1/BiasAdd"),
        helper.make_node("Softmax", [p + "dense_1/BiasAdd:0"], [p + "dense_1/Softmax:0"], axis=-1,
                         name=p + "dense_1/Softmax"),
        helper.make_node("Identity", [p + "dense_1/Softmax:0"], ["dense_1"], name="Identity")]
    graph = helper.make_graph(nodes, "tf2onnx", [helper.make_tensor_value_info("input_1", TensorProto.FLOAT,
                                                                               ["unk__6", n_in])],
                              [helper.make_tensor_value_info("dense_1", TensorProto.FLOAT, ["unk__7", n_out])], inits)
    model = helper.make_model(graph, producer_name="tf2onnx", producer_version="1.16.1 15c810",
                              opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 7
    save(model, "keras_tf2onnx_scaled.onnx")


# ---------------------------------------------------------------- storage variants
def storage():
    """The same kind of two-layer network stored three other ways: weights in an external data
    file; typed (not raw) float_data with opset 9, IR version 3 (initializers listed as graph
    inputs) and a Constant node for a bias; and typed double_data."""
    def two_layers(dtype, raw, opset, ir, name, constant_bias=False, inputs_list_initializers=False):
        proto = TensorProto.DOUBLE if dtype == np.float64 else TensorProto.FLOAT
        w1 = RNG.normal(size=(3, 5)).astype(dtype)
        b1 = RNG.normal(size=5).astype(dtype)
        w2 = RNG.normal(size=(2, 5)).astype(dtype)           # Gemm with transB = 1
        b2 = RNG.normal(size=2).astype(dtype)

        def tensor(a, n):
            return helper.make_tensor(n, proto, a.shape, a.ravel().tolist(), raw=False) if not raw \
                else numpy_helper.from_array(a, n)
        inits = [tensor(w1, "W1"), tensor(w2, "W2"), tensor(b2, "b2")]
        nodes = [helper.make_node("MatMul", ["x", "W1"], ["xw"], name="fc1"),
                 helper.make_node("Add", ["xw", "b1"], ["z1"], name="bias1"),
                 helper.make_node("Tanh", ["z1"], ["a1"], name="tanh1"),
                 helper.make_node("Gemm", ["a1", "W2", "b2"], ["z2"], transB=1, name="fc2")]
        if constant_bias:
            nodes.insert(0, helper.make_node("Constant", [], ["b1"], value=tensor(b1, "b1_value"), name="const_b1"))
        else:
            inits.append(tensor(b1, "b1"))
        inputs = [helper.make_tensor_value_info("x", proto, ["N", 3])]
        if inputs_list_initializers:
            inputs += [helper.make_tensor_value_info(t.name, proto, list(t.dims)) for t in inits]
        graph = helper.make_graph(nodes, "two_layers", inputs, [helper.make_tensor_value_info("z2", proto, ["N", 2])],
                                  inits)
        model = helper.make_model(graph, producer_name="make_fixtures.py", opset_imports=[helper.make_opsetid("", opset)])
        model.ir_version = ir
        return model

    model = two_layers(np.float32, True, 13, 7, "external")
    onnx.checker.check_model(model)
    if os.path.exists("external_data.onnx.data"):
        os.remove("external_data.onnx.data")                 # onnx refuses to overwrite it
    onnx.save_model(model, "external_data.onnx", save_as_external_data=True, all_tensors_to_one_file=True,
                    location="external_data.onnx.data", size_threshold=0)
    print("wrote external_data.onnx and external_data.onnx.data")
    save(two_layers(np.float32, False, 9, 3, "typed", constant_bias=True, inputs_list_initializers=True),
         "typed_float_opset9.onnx")
    save(two_layers(np.float64, False, 21, 10, "typed64"), "typed_double_opset21.onnx")


if __name__ == "__main__":
    import sys

    if "--skip-torch" not in sys.argv:
        pytorch()
    sklearn()
    keras()
    storage()
